import type { APIInteraction } from 'discord-api-types/v10';

/** What the emulator remembers about each interaction it built, and waiters for `/wait`. */
export interface RecordedFollowup {
  messageId: string;
  body: unknown;
  at: number;
  /** A follow-up right after a deferred (type 5) response edits the loading message instead (documented). */
  editedOriginal?: boolean;
}

export interface RecordedEdit {
  /** `@original` or the follow-up message id, as in the request path. */
  target: string;
  messageId: string;
  body: unknown;
  at: number;
  deleted?: boolean;
}

export interface InteractionRecord {
  id: string;
  token: string;
  interaction: APIInteraction;
  /** The exact signed body. */
  body: string;
  /** Emulator clock at creation (token expiry counts from here). */
  createdAt: number;
  userId: string;
  channelId: string;
  guildId?: string;
  /** The worker's HTTP status (for `send`, or as reported through `/response`). */
  status: number | null;
  /** The worker's HTTP body (parsed JSON when it is JSON). */
  httpBody: unknown;
  /** The initial interaction response `{type, data}`, from the HTTP body or the callback endpoint. */
  response: { type: number; data?: unknown } | null;
  responseVia: 'http' | 'callback' | null;
  acknowledged: boolean;
  /** The message `@original` points at: the reply (types 4, 5) or the component's message (types 6, 7). */
  original: { channelId: string; messageId: string } | null;
  followups: RecordedFollowup[];
  edits: RecordedEdit[];
  /** Messages produced by this interaction (reply, follow-ups), in order. */
  produced: { channelId: string; messageId: string }[];
  choices?: unknown[];
  modal?: unknown;
  /** Set when the worker's HTTP answer could not be applied (invalid body, already acknowledged, …). */
  error?: { status: number; body: unknown };
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private waiters = new Set<() => void>();
  private closed = false;

  add(record: InteractionRecord): void {
    this.byId.set(record.id, record);
    this.changed();
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    for (const record of this.byId.values()) if (record.token === token) return record;
    return undefined;
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  reset(): void {
    this.byId.clear();
    this.changed();
  }

  /** Call after mutating a record so `/wait` callers re-check. */
  changed(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Wakes every waiter for good (the server is closing). */
  close(): void {
    this.closed = true;
    this.changed();
  }

  /** Resolves true once `test()` holds, false after `timeoutMs` (or on close). */
  async waitUntil(test: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }
}
