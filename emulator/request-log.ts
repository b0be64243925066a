/**
 * Every REST, CDN and `/oauth2/authorize` request the emulator answered, in order (the control API serves it at
 * `/__emulator/log`). `basic`: HTTP Basic (OAuth2 client credentials), whether or not they are right.
 */
export type AuthKind = 'bot' | 'bearer' | 'basic' | 'none' | 'invalid';

export interface LogEntry {
  /** `rest` for the API, `cdn` for image requests under `/cdn`, `oauth` for `/oauth2/authorize` (the web page). */
  kind: 'rest' | 'cdn' | 'oauth';
  method: string;
  /**
   * REST: path without the `/api[/vN]` prefix and without the query, e.g. `/channels/1/messages`.
   * CDN and OAuth: the full path, e.g. `/cdn/emojis/1.png`, `/oauth2/authorize`.
   */
  path: string;
  query: string;
  status: number;
  auth: AuthKind;
  /** Emulator clock, ms since epoch. */
  at: number;
  /** Parsed JSON body (or the raw string when not JSON; `null` when empty). */
  body: unknown;
  /** Multipart requests: the `files[n]` parts (the body is then the parsed `payload_json`, or the form fields). */
  files?: { name: string; filename: string; content_type: string; size: number }[];
  /** The rate-limit bucket hash, when the route has one. */
  bucket?: string;
}

export class RequestLog {
  entries: LogEntry[] = [];

  add(entry: LogEntry): void {
    this.entries.push(entry);
  }

  reset(): void {
    this.entries = [];
  }

  filter(method?: string | null, path?: string | null, kind?: string | null): LogEntry[] {
    return this.entries.filter(
      (e) =>
        (!method || e.method === method.toUpperCase()) &&
        (!path || e.path.includes(path)) &&
        (!kind || e.kind === kind),
    );
  }
}
