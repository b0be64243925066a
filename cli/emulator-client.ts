/**
 * The emulator's control API over HTTP (see docs/emulator.md, "Control API"). The terminal client talks
 * to nothing else.
 */
import type { APIInteractionResponse, APIMessage, InteractionType } from 'discord-api-types/v10';

/** Body of `POST /__emulator/interactions/send`. */
export interface InteractionRequest {
  type: InteractionType;
  user_id: string;
  guild_id?: string;
  channel_id?: string;
  message_id?: string;
  data?: unknown;
}

export interface SendResult {
  id: string;
  token: string;
  /** The worker's HTTP status. */
  status: number;
  /** The worker's HTTP body: an interaction response, or an error body. */
  response: unknown;
  /** Set when the emulator rejected the worker's response (as Discord would): `{status, body}`. */
  error?: { status?: number; body?: unknown };
}

/** A message as stored: the API object, plus who alone may see it when it is ephemeral. */
export interface StoredMessage {
  message: APIMessage;
  ephemeralFor?: string;
}

/** Body of `POST /__emulator/messages`: a user posts in a channel, or (`dm: true`) in their DM with the bot. */
export type UserMessageRequest =
  | { channel_id: string; author_id: string; content: string }
  | { dm: true; author_id: string; content: string };

export interface PostedMessage {
  /** The stored message (its `channel_id` is the DM channel for `dm: true`). */
  message: APIMessage;
  /** Gateway sessions that got its MESSAGE_CREATE; undefined when the emulator does not say. */
  delivered?: unknown[];
}

export interface InteractionRecord {
  interaction: unknown;
  status: number | null;
  response: unknown;
  followups: unknown[];
  edits: unknown[];
  messages: StoredMessage[];
}

export class EmulatorError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Accepts plain API messages or `{message, ephemeralFor}` records. */
export function storedMessages(list: unknown): StoredMessage[] {
  const items = Array.isArray(list)
    ? list
    : isObject(list) && Array.isArray(list.messages)
      ? list.messages
      : [];
  return items.flatMap((item): StoredMessage[] => {
    if (!isObject(item)) return [];
    if (isObject(item.message) && !('id' in item && 'channel_id' in item)) {
      const stored: StoredMessage = { message: item.message as unknown as APIMessage };
      if (typeof item.ephemeralFor === 'string') stored.ephemeralFor = item.ephemeralFor;
      return [stored];
    }
    return [{ message: item as unknown as APIMessage }];
  });
}

export function asInteractionResponse(body: unknown): APIInteractionResponse | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return isObject(value) && typeof value.type === 'number'
    ? (value as unknown as APIInteractionResponse)
    : undefined;
}

export class EmulatorClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async request(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<Response> {
    const url = `${this.baseUrl.replace(/\/$/, '')}${path}`;
    try {
      const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
      if (body !== undefined) init.body = JSON.stringify(body);
      if (signal) init.signal = signal;
      return await this.fetchImpl(url, init);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new EmulatorError(
        `cannot reach the emulator at ${this.baseUrl} (${(error as Error).message}); start it with: npm run emulator`,
      );
    }
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON; keep the text
    }
    if (!res.ok) {
      // Discord errors say `message`; the control API's own errors say `error`.
      const reason = isObject(parsed) ? (parsed.message ?? parsed.error) : undefined;
      const detail = typeof reason === 'string' ? reason : text.slice(0, 200);
      throw new EmulatorError(`emulator ${method} ${path} → ${res.status}: ${detail}`, res.status);
    }
    return parsed;
  }

  state(): Promise<unknown> {
    return this.json('GET', '/__emulator/state');
  }

  async send(request: InteractionRequest): Promise<SendResult> {
    const result = await this.json('POST', '/__emulator/interactions/send', request);
    if (!isObject(result) || typeof result.id !== 'string') {
      throw new EmulatorError('the emulator answered interactions/send without an interaction id');
    }
    const sent: SendResult = {
      id: result.id,
      token: typeof result.token === 'string' ? result.token : '',
      status: typeof result.status === 'number' ? result.status : 0,
      response: result.response,
    };
    if (isObject(result.error)) sent.error = result.error as SendResult['error'] & object;
    return sent;
  }

  private static record(raw: unknown): InteractionRecord {
    const obj = isObject(raw) ? raw : {};
    const list = (value: unknown) => (Array.isArray(value) ? value : []);
    return {
      interaction: obj.interaction,
      status: typeof obj.status === 'number' ? obj.status : null,
      response: obj.response,
      followups: list(obj.followups),
      edits: list(obj.edits),
      messages: storedMessages(list(obj.messages)),
    };
  }

  async interaction(id: string): Promise<InteractionRecord> {
    return EmulatorClient.record(await this.json('GET', `/__emulator/interactions/${id}`));
  }

  /** Waits for at least `count` follow-ups + edits; undefined when the emulator times out (408). */
  async wait(
    id: string,
    count: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<InteractionRecord | undefined> {
    const path = `/__emulator/interactions/${id}/wait?count=${count}&timeout=${timeoutMs}`;
    const res = await this.request('GET', path, undefined, signal);
    if (res.status === 408) {
      await res.body?.cancel();
      return undefined;
    }
    const text = await res.text();
    if (!res.ok)
      throw new EmulatorError(`emulator GET ${path} → ${res.status}: ${text.slice(0, 200)}`, res.status);
    return EmulatorClient.record(JSON.parse(text));
  }

  /** Posts a message as a user; the emulator stores it and sends MESSAGE_CREATE to the gateway. */
  async postMessage(request: UserMessageRequest): Promise<PostedMessage> {
    const result = await this.json('POST', '/__emulator/messages', request);
    if (!isObject(result) || !isObject(result.message) || typeof result.message.id !== 'string') {
      throw new EmulatorError('the emulator answered POST /__emulator/messages without a message');
    }
    const posted: PostedMessage = { message: result.message as unknown as APIMessage };
    if (Array.isArray(result.delivered)) posted.delivered = result.delivered;
    return posted;
  }

  /** A user adds (or removes) a reaction; the emulator sends MESSAGE_REACTION_ADD/REMOVE to the gateway. */
  async react(
    reaction: {
      channel_id: string;
      message_id: string;
      user_id: string;
      emoji: { name: string; id?: string };
    },
    remove = false,
  ): Promise<void> {
    await this.json(remove ? 'DELETE' : 'POST', '/__emulator/reactions', reaction);
  }

  /** A user joins or leaves a guild; the emulator sends GUILD_MEMBER_ADD/REMOVE to the gateway. */
  async membership(guildId: string, userId: string, change: 'join' | 'leave'): Promise<void> {
    await this.json('POST', `/__emulator/guilds/${guildId}/members/${userId}/${change}`);
  }

  /** Messages in a channel, oldest first; with `asUser`, only those that user may see. */
  async channelMessages(channelId: string, asUser?: string): Promise<StoredMessage[]> {
    const query = asUser ? `?user=${encodeURIComponent(asUser)}` : '';
    return storedMessages(await this.json('GET', `/__emulator/channels/${channelId}/messages${query}`));
  }
}
