/**
 * An in-memory stand-in for the emulator's control API (docs/emulator.md), as a `fetch` function, so
 * the client's flow can be tested without a server. `answer` decides the worker's response.
 */
import type { APIMessage } from 'discord-api-types/v10';
import type { InteractionRecord } from '../../../cli/emulator-client';
import { STATE } from './fixtures';

export interface FakeRecord extends Omit<InteractionRecord, 'messages'> {
  messages: APIMessage[];
}

export class FakeEmulator {
  state = structuredClone(STATE);
  sent: Record<string, unknown>[] = [];
  records = new Map<string, FakeRecord>();
  /** What the worker answers to each interaction; may add messages to the record. */
  answer: (body: Record<string, unknown>, record: FakeRecord) => unknown = () => ({
    type: 4,
    data: { content: 'ok' },
  });
  /** Called when the client waits; may add follow-ups or edits. */
  onWait: (record: FakeRecord) => void = () => undefined;
  /** Reactions and membership changes asked of the control API, in order (`POST /reactions`, `…/join`). */
  world: { method: string; path: string; body?: unknown }[] = [];
  /** Bodies of `POST /__emulator/messages`, in order. */
  posted: Record<string, unknown>[] = [];
  /** The message the last of them stored. */
  lastPosted: APIMessage | undefined;
  /** What the gateway did with a posted message: `delivered` of the answer (default: one live shard). */
  delivered: unknown[] = [{ session_id: 'session-0', shard: 0, s: 3, live: true }];
  /** Called on each look at a channel's messages; may store the bot's replies. */
  onPoll: (channelId: string) => void = () => undefined;
  /** The DM channel a `{dm: true}` message lands in. */
  dmChannelId = '1300000000000009000';
  private nextId = 1;

  newId(): string {
    return `15000000000000000${String(this.nextId++).padStart(2, '0')}`;
  }

  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET' && url.pathname === '/__emulator/state') return json(this.state);
    if (method === 'POST' && url.pathname === '/__emulator/interactions/send') {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      this.sent.push(body);
      const id = this.newId();
      const record: FakeRecord = {
        interaction: { ...body, id },
        status: 200,
        response: null,
        followups: [],
        edits: [],
        messages: [],
      };
      this.records.set(id, record);
      const response = this.answer(body, record);
      record.response = response;
      return json({ id, token: `token-${id}`, status: 200, response });
    }
    if (
      url.pathname === '/__emulator/reactions' ||
      /^\/__emulator\/guilds\/\d+\/members\/\d+\/(join|leave)$/.test(url.pathname)
    ) {
      this.world.push({
        method,
        path: url.pathname,
        ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
      });
      return json({ ok: true, delivered: [] });
    }
    if (method === 'POST' && url.pathname === '/__emulator/messages') {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      this.posted.push(body);
      if (body.author_id === undefined) return json({ error: 'body needs author_id' }, 400);
      const channelId = body.dm === true ? this.dmChannelId : String(body.channel_id);
      const message = this.store(this.userMessage(channelId, String(body.author_id), String(body.content)));
      this.lastPosted = message;
      return json({ message, delivered: this.delivered });
    }
    const channel = /^\/__emulator\/channels\/(\d+)\/messages$/.exec(url.pathname);
    if (method === 'GET' && channel) {
      this.onPoll(channel[1] ?? '');
      const list = (this.state.messages as Record<string, { message: APIMessage }[]>)[channel[1] ?? ''] ?? [];
      return json(list);
    }
    const wait = /^\/__emulator\/interactions\/(\d+)\/wait$/.exec(url.pathname);
    if (method === 'GET' && wait) {
      const record = this.records.get(wait[1] ?? '');
      if (!record) return json({ message: 'Unknown interaction' }, 404);
      this.onWait(record);
      const count = Number(url.searchParams.get('count') ?? '1');
      if (record.followups.length + record.edits.length < count) return json({ message: 'timeout' }, 408);
      return json(record);
    }
    const one = /^\/__emulator\/interactions\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && one) {
      const record = this.records.get(one[1] ?? '');
      return record ? json(record) : json({ message: 'Unknown interaction' }, 404);
    }
    return json({ message: '404: Not Found', code: 0 }, 404);
  };

  /** A message posted by a user, shaped as the emulator stores it. */
  private userMessage(channelId: string, authorId: string, content: string): APIMessage {
    const author = this.state.users.find((u) => u.id === authorId);
    return {
      id: this.newId(),
      channel_id: channelId,
      author: { ...author, id: authorId },
      content,
      timestamp: '2025-01-15T11:59:00.000Z',
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      components: [],
    } as unknown as APIMessage;
  }

  /** Stores a bot message in a channel, as the emulator does for replies. */
  store(message: APIMessage): APIMessage {
    const messages = this.state.messages as Record<string, { message: APIMessage }[]>;
    const list = messages[message.channel_id] ?? [];
    messages[message.channel_id] = list;
    const index = list.findIndex((m) => m.message.id === message.id);
    if (index >= 0) list[index] = { message };
    else list.push({ message });
    return message;
  }
}
