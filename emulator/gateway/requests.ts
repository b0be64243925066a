import type { EmulatorContext } from '../context';
import { isRecord } from '../form-errors';
import { memberObject } from '../serialize';
import type { GuildRecord, MemberRecord } from '../state';
import type { GatewayConnection } from './connection';
import { dispatchTo } from './dispatch';
import { guildsOfShard } from './guild-create';
import { Intent } from './intents';
import type { GatewaySession } from './session';

const STATUSES = new Set(['online', 'dnd', 'idle', 'invisible', 'offline']);
const CHUNK_SIZE = 1000;
const MAX_FILTERED = 100;

/** Update Presence (op 3): `{since: int|null, activities: [], status, afk: bool}`; stored, no reply. Bad → 4001. */
export function handlePresenceUpdate(conn: GatewayConnection, session: GatewaySession, d: unknown): void {
  const valid =
    isRecord(d) &&
    (d.since === null || Number.isInteger(d.since)) &&
    Array.isArray(d.activities) &&
    d.activities.every((a) => isRecord(a) && typeof a.name === 'string' && Number.isInteger(a.type)) &&
    typeof d.status === 'string' &&
    STATUSES.has(d.status) &&
    typeof d.afk === 'boolean';
  if (valid) session.presence = d;
  else conn.close(4001, 'Invalid presence update payload.');
}

/**
 * Request Guild Members (op 8) → GUILD_MEMBERS_CHUNK dispatches of up to 1000 members. `guild_id` must be a
 * guild of this session's shard; `query` (username prefix, case-insensitive, at most 100 unless it is `''` with
 * `limit: 0`) or `user_ids` (≤100; unknown ones in `not_found`). An empty `query` (the whole list with `limit: 0`) needs
 * GUILD_MEMBERS. A malformed request, or one the intents do not allow, closes 4001.
 */
export function handleRequestMembers(
  ctx: EmulatorContext,
  conn: GatewayConnection,
  session: GatewaySession,
  d: unknown,
): void {
  const request = selectMembers(ctx, session, d);
  if (typeof request === 'string') {
    conn.close(4001, `Invalid request guild members payload: ${request}.`);
    return;
  }
  const { guild, members, notFound } = request;
  const payload = d as Record<string, unknown>;
  const nonce =
    typeof payload.nonce === 'string' && Buffer.byteLength(payload.nonce) <= 32 ? payload.nonce : undefined;
  const presences = payload.presences === true && (session.intents & Intent.GuildPresences) !== 0;
  const chunkCount = Math.max(1, Math.ceil(members.length / CHUNK_SIZE));
  for (let index = 0; index < chunkCount; index++) {
    const chunk = members.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE);
    dispatchTo(ctx, session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: chunk.map((m) => memberObject(ctx, m)),
      chunk_index: index,
      chunk_count: chunkCount,
      ...(index === 0 && notFound.length > 0 ? { not_found: notFound } : {}),
      ...(presences ? { presences: [] } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
    });
  }
}

/** The members a request asks for, or why it is invalid. */
function selectMembers(
  ctx: EmulatorContext,
  session: GatewaySession,
  d: unknown,
): string | { guild: GuildRecord; members: MemberRecord[]; notFound: string[] } {
  if (!isRecord(d) || typeof d.guild_id !== 'string') return 'guild_id is required';
  const guild = guildsOfShard(ctx, session.shard).find((g) => g.id === d.guild_id);
  if (!guild) return 'the guild is not on this shard';
  if (d.user_ids !== undefined) {
    const ids = Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
    if (ids.length > MAX_FILTERED || !ids.every((id) => typeof id === 'string'))
      return 'user_ids must be at most 100 snowflakes';
    const members = guild.members.filter((m) => ids.includes(m.user_id));
    const notFound = (ids as string[]).filter((id) => !members.some((m) => m.user_id === id));
    return { guild, members, notFound };
  }
  if (typeof d.query !== 'string' || !Number.isInteger(d.limit) || (d.limit as number) < 0)
    return 'one of query (with limit) or user_ids is required';
  const limit = d.limit as number;
  if (d.query === '') {
    if ((session.intents & Intent.GuildMembers) === 0) return 'an empty query needs GUILD_MEMBERS';
    return { guild, members: limit === 0 ? guild.members : guild.members.slice(0, limit), notFound: [] };
  }
  const prefix = d.query.toLowerCase();
  const matching = guild.members.filter((m) =>
    (ctx.store.user(m.user_id)?.username ?? '').toLowerCase().startsWith(prefix),
  );
  return { guild, members: matching.slice(0, Math.min(limit || MAX_FILTERED, MAX_FILTERED)), notFound: [] };
}
