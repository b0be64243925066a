import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler returns. `body` undefined → no body (204 style); strings and bytes are sent as they are. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection without answering (an injected fault). */
  drop?: boolean;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(): Reply {
  return { status: 204 };
}

/** An error answered with Discord's JSON error shape `{message, code, errors?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }

  toReply(): Reply {
    const body: Record<string, unknown> = { message: this.message, code: this.code };
    if (this.errors !== undefined) body.errors = this.errors;
    return json(this.status, body);
  }
}

/** Discord's JSON error codes (`developers/topics/opcodes-and-status-codes.mdx`, "JSON"). */
export const errors = {
  unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
  notFound: () => new ApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new ApiError(405, 0, '405: Method Not Allowed'),
  unknownApplication: () => new ApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new ApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new ApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new ApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new ApiError(404, 10008, 'Unknown Message'),
  unknownRole: () => new ApiError(404, 10011, 'Unknown Role'),
  unknownEmoji: () => new ApiError(404, 10014, 'Unknown Emoji'),
  unknownBan: () => new ApiError(404, 10026, 'Unknown Ban'),
  unknownSticker: () => new ApiError(404, 10060, 'Unknown Sticker'),
  unknownUser: () => new ApiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new ApiError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => new ApiError(404, 10063, 'Unknown application command'),
  maxCommands: (limit: number) =>
    new ApiError(400, 30032, `Maximum number of application commands reached (${limit})`),
  maxRoles: () => new ApiError(400, 30005, 'Maximum number of guild roles reached (250)'),
  maxEmojis: (limit: number) => new ApiError(400, 30008, `Maximum number of emojis reached (${limit})`),
  maxChannels: () => new ApiError(400, 30013, 'Maximum number of guild channels reached (500)'),
  maxAnimatedEmojis: (limit: number) =>
    new ApiError(400, 30018, `Maximum number of animated emojis reached (${limit})`),
  maxStickers: (limit: number) => new ApiError(400, 30039, `Maximum number of stickers reached (${limit})`),
  oneParentAtATime: () =>
    new ApiError(400, 40009, 'Only one channel can have a parent_id modified at a time'),
  alreadyAcknowledged: () => new ApiError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new ApiError(403, 50001, 'Missing Access'),
  cannotEditOthers: () => new ApiError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => new ApiError(400, 50006, 'Cannot send an empty message'),
  missingPermissions: () => new ApiError(403, 50013, 'Missing Permissions'),
  invalidRole: () => new ApiError(400, 50028, 'Invalid Role'),
  invalidAsset: () => new ApiError(400, 50046, 'Invalid Asset'),
  communityChannelRequired: () =>
    new ApiError(400, 50074, 'Cannot delete a channel required for Community guilds'),
  communityTextChannel: () => new ApiError(400, 50086, 'Community server channels must be text channels'),
  assetTooLarge: (max: number) =>
    new ApiError(400, 50138, `Failed to resize asset below the maximum size: ${max}`),
  failedToBan: () => new ApiError(400, 500000, 'Failed to ban users'),
  invalidWebhookToken: () => new ApiError(401, 50027, 'Invalid Webhook Token'),
  invalidFormBody: (nested: unknown) => new ApiError(400, 50035, 'Invalid Form Body', nested),
  invalidJson: () => new ApiError(400, 50109, 'The request body contains invalid JSON.'),
  serverError: (status: number) => new ApiError(status, 0, `${status}: ${statusText(status)}`),
};

function statusText(status: number): string {
  const texts: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return texts[status] ?? 'Server Error';
}

/** The raw request body (bytes: multipart uploads carry binary files). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  if (reply.drop) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Uint8Array | undefined;
  if (reply.body !== undefined && reply.status !== 204) {
    if (reply.body instanceof Uint8Array) {
      payload = reply.body;
      headers['Content-Type'] ??= 'application/octet-stream';
      headers['Content-Length'] = String(reply.body.byteLength);
    } else if (typeof reply.body === 'string') {
      payload = reply.body;
      headers['Content-Type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(reply.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** A tiny method + path router. Patterns use `:name` segments. */
export interface Match<R> {
  route: R;
  params: Record<string, string>;
}

interface Entry<R> {
  method: string;
  segments: string[];
  route: R;
}

export class Router<R> {
  private readonly entries: Entry<R>[] = [];

  add(method: string, pattern: string, route: R): void {
    this.entries.push({ method, segments: split(pattern), route });
  }

  /** `null` when no pattern matches the path; `'method'` when a pattern matches but not for this method. */
  match(method: string, path: string): Match<R> | 'method' | null {
    const parts = split(path);
    let pathMatched = false;
    for (const entry of this.entries) {
      const params = matchSegments(entry.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (entry.method === method) return { route: entry.route, params };
    }
    return pathMatched ? 'method' : null;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = parts[i]!;
    if (expected.startsWith(':')) {
      params[expected.slice(1)] = decodeURIComponent(actual);
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** A bad control-API call (a test bug, not a Discord error): answered `{error}` with the given status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  toReply(): Reply {
    return json(this.status, { error: this.message });
  }
}
