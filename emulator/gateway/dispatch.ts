import type { EmulatorContext } from '../context';
import { isRecord } from '../form-errors';
import { Intent, requiredIntent, shardOf } from './intents';
import type { GatewaySession } from './session';

/** Where one event went: `live` false means the session is disconnected and the event waits for a resume. */
export interface Delivery {
  session_id: string;
  shard: [number, number];
  s: number;
  live: boolean;
}

export interface GatewayEvent {
  t: string;
  d: unknown;
  /** The guild the event belongs to; default: `d.guild_id` (`d.id` for GUILD_CREATE/UPDATE/DELETE). */
  guildId?: string | null;
}

/**
 * Sends an event the way Discord routes it: to every live session whose shard owns the guild
 * (`(guild_id >> 22) % num_shards`; events without a guild go to shard 0), that asked for the event's intent, with
 * message content scrubbed for sessions without MESSAGE_CONTENT.
 */
export function dispatchEvent(ctx: EmulatorContext, event: GatewayEvent): Delivery[] {
  const guildId = event.guildId === undefined ? guildIdOf(event.t, event.d) : event.guildId;
  const deliveries: Delivery[] = [];
  const now = Date.now();
  const { config } = ctx.gateway;
  for (const session of ctx.gateway.sessions.values()) {
    if (!session.isLive(now, config.resumeWindowMs)) continue;
    const [shardId, shardCount] = session.shard;
    const owner = guildId ? shardOf(guildId, shardCount) : 0;
    if (owner !== shardId) continue;
    const needed = requiredIntent(event.t, guildId !== null);
    if (needed !== 0 && (session.intents & needed) === 0) continue;
    const d = guildId ? scrubContent(ctx, session, event.t, event.d) : event.d;
    deliveries.push(dispatchTo(ctx, session, event.t, d));
  }
  return deliveries;
}

/** Sends an event to one session as it is (no routing, no intent check, no scrubbing). */
export function dispatchTo(ctx: EmulatorContext, session: GatewaySession, t: string, d: unknown): Delivery {
  const s = session.dispatch(t, d, ctx.gateway.config.replayBufferSize);
  return { session_id: session.id, shard: session.shard, s, live: session.connection !== undefined };
}

function guildIdOf(t: string, d: unknown): string | null {
  if (!isRecord(d)) return null;
  if (typeof d.guild_id === 'string') return d.guild_id;
  if ((t === 'GUILD_CREATE' || t === 'GUILD_UPDATE' || t === 'GUILD_DELETE') && typeof d.id === 'string')
    return d.id;
  return null;
}

const MESSAGE_EVENTS = new Set(['MESSAGE_CREATE', 'MESSAGE_UPDATE']);

/**
 * Without MESSAGE_CONTENT a guild message arrives with empty `content`, `embeds`, `attachments`, `components`
 * and no `poll`, unless the bot wrote it or is mentioned in it (`developers/events/gateway.mdx`,
 * "Message Content Intent"). DMs are never scrubbed (the caller only scrubs guild events).
 */
function scrubContent(ctx: EmulatorContext, session: GatewaySession, t: string, d: unknown): unknown {
  if (!MESSAGE_EVENTS.has(t) || session.intents & Intent.MessageContent || !isRecord(d)) return d;
  const botId = ctx.store.state.botUserId;
  const scrubbed = scrubMessage(d, botId);
  if (isRecord(d.referenced_message)) scrubbed.referenced_message = scrubMessage(d.referenced_message, botId);
  return scrubbed;
}

function scrubMessage(message: Record<string, unknown>, botId: string): Record<string, unknown> {
  const author = isRecord(message.author) ? message.author.id : undefined;
  const mentions = Array.isArray(message.mentions) ? message.mentions : [];
  const mentioned = mentions.some((user) => isRecord(user) && user.id === botId);
  if (author === botId || mentioned) return { ...message };
  const { poll: _poll, ...rest } = message;
  return { ...rest, content: '', embeds: [], attachments: [], components: [] };
}
