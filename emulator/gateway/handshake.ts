import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context';
import { isRecord } from '../form-errors';
import { applicationObject } from '../serialize';
import type { GuildRecord } from '../state';
import type { GatewayConnection } from './connection';
import { dispatchTo } from './dispatch';
import { guildCreatePayload, guildsOfShard } from './guild-create';
import { disallowedIntents, Intent, isValidIntents } from './intents';
import { GatewaySession } from './session';

/** After op 9 on a failed resume, the server closes (4000) this long later unless the client did. */
const INVALID_SESSION_CLOSE_MS = 1000;

/**
 * Identify (op 2), checked in this order: token (4004), second identify (4005), intents (4013), privileged
 * intents (4014), shard (4010), guilds per shard (4011), identify concurrency (op 9 `d:false`, connection kept),
 * session-start budget (4004). Then READY and one GUILD_CREATE per guild of the shard (with GUILDS).
 */
export function handleIdentify(ctx: EmulatorContext, conn: GatewayConnection, d: unknown): void {
  const gateway = ctx.gateway;
  const now = Date.now();
  const checked = checkIdentify(ctx, conn, d);
  if ('code' in checked) {
    gateway.identifyLog.push({
      shard: checked.shard,
      at: now,
      accepted: false,
      outcome: `close ${checked.code}`,
    });
    conn.close(checked.code, checked.reason);
    return;
  }
  const { identify, shard, guilds } = checked;
  const key = shard[0] % gateway.config.maxConcurrency;
  const last = gateway.lastIdentifyAt.get(key);
  if (last !== undefined && now - last < gateway.config.identifyWindowMs) {
    gateway.identifyLog.push({ shard, at: now, accepted: false, outcome: 'concurrency' });
    conn.send({ op: 9, d: false });
    return;
  }
  if (!gateway.takeSessionStart(now)) {
    gateway.identifyLog.push({ shard, at: now, accepted: false, outcome: 'close 4004' });
    conn.close(4004, 'Session start limit reached.');
    return;
  }
  gateway.lastIdentifyAt.set(key, now);
  gateway.identifyLog.push({ shard, at: now, accepted: true, outcome: 'ready' });

  const largeThreshold =
    Number.isInteger(identify.large_threshold) && (identify.large_threshold as number) >= 50
      ? Math.min(identify.large_threshold as number, 250)
      : 50;
  const session = new GatewaySession({
    id: randomBytes(16).toString('hex'),
    shard,
    intents: identify.intents,
    properties: identify.properties ?? null,
    presence: identify.presence ?? null,
    largeThreshold,
    now,
  });
  gateway.sessions.set(session.id, session);
  attach(conn, session);

  const application = applicationObject(ctx);
  dispatchTo(ctx, session, 'READY', {
    v: 10,
    user: ctx.store.botUser(),
    guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: `${ctx.url.replace(/^http/, 'ws')}/resume-gateway`,
    ...(identify.shard !== undefined ? { shard } : {}),
    application: { id: application.id, flags: application.flags },
  });
  if ((session.intents & Intent.Guilds) === 0) return;
  for (const guild of guilds) {
    dispatchTo(ctx, session, 'GUILD_CREATE', guildCreatePayload(ctx, guild, session.intents, largeThreshold));
  }
}

/**
 * Resume (op 6): wrong token → 4004; unknown, expired or invalidated session → op 9 `d:false` (closed with 4000 a
 * second later unless the client closes); `seq` ahead of the session or older than the replay buffer → 4007
 * (the session is invalidated); else the missed dispatches in order, then RESUMED.
 */
export function handleResume(ctx: EmulatorContext, conn: GatewayConnection, d: unknown): void {
  const gateway = ctx.gateway;
  const checked = checkResume(ctx, conn, d);
  if ('code' in checked) {
    conn.close(checked.code, checked.reason);
    return;
  }
  const { resume } = checked;
  const session = typeof resume.session_id === 'string' ? gateway.sessions.get(resume.session_id) : undefined;
  if (!session?.isLive(Date.now(), gateway.config.resumeWindowMs)) {
    conn.send({ op: 9, d: false });
    conn.later(INVALID_SESSION_CLOSE_MS, () => {
      if (!conn.session) conn.close(4000, 'Invalid session.');
    });
    return;
  }
  const frames = Number.isInteger(resume.seq) ? session.framesAfter(resume.seq as number) : null;
  if (!frames) {
    session.invalidate();
    conn.close(4007, 'Invalid seq.');
    return;
  }
  // A session has one connection: a resume elsewhere ends the old one.
  session.connection?.close(4000, 'Session resumed on another connection.');
  session.resumes += 1;
  session.usedResumeUrl = conn.path === '/resume-gateway';
  attach(conn, session);
  for (const frame of frames) conn.sendRaw(frame);
  dispatchTo(ctx, session, 'RESUMED', {});
}

type Refusal = { code: number; reason: string };

function checkResume(
  ctx: EmulatorContext,
  conn: GatewayConnection,
  d: unknown,
): Refusal | { resume: Record<string, unknown> } {
  if (!isRecord(d)) return { code: 4001, reason: 'resume payload must be an object' };
  if (d.token !== ctx.store.state.botToken) return { code: 4004, reason: 'Authentication failed.' };
  if (conn.authenticated) return { code: 4005, reason: 'Already authenticated.' };
  return { resume: d };
}

type IdentifyCheck =
  | (Refusal & { shard: [number, number] | null })
  | {
      identify: Record<string, unknown> & { intents: number };
      shard: [number, number];
      guilds: GuildRecord[];
    };

/** The checks that close the connection, in Discord's order; on success the parsed identify. */
function checkIdentify(ctx: EmulatorContext, conn: GatewayConnection, d: unknown): IdentifyCheck {
  const refuse = (code: number, reason: string, shard: [number, number] | null = null) => ({
    code,
    reason,
    shard,
  });
  if (!isRecord(d)) return refuse(4001, 'identify payload must be an object');
  if (d.token !== ctx.store.state.botToken) return refuse(4004, 'Authentication failed.');
  if (conn.authenticated) return refuse(4005, 'Already authenticated.');
  const intents = d.intents;
  if (!isValidIntents(intents)) return refuse(4013, 'Invalid intent(s).');
  if (disallowedIntents(intents, ctx.store.state.intents) !== 0) return refuse(4014, 'Disallowed intent(s).');
  const shard = parseShard(d.shard);
  if (!shard) return refuse(4010, 'Invalid shard.');
  const guilds = guildsOfShard(ctx, shard);
  if (guilds.length > ctx.gateway.config.maxGuildsPerShard) return refuse(4011, 'Sharding required.', shard);
  return { identify: { ...d, intents }, shard, guilds };
}

function attach(conn: GatewayConnection, session: GatewaySession): void {
  conn.authenticated = true;
  conn.session = session;
  session.connection = conn;
  session.disconnectedAt = null;
  session.connects += 1;
  session.heartbeatsReceived += conn.heartbeatsReceived;
  if (conn.lastHeartbeatAt !== null) session.lastHeartbeatAt = conn.lastHeartbeatAt;
}

/** `[shard_id, num_shards]` (default `[0, 1]`); null when invalid (4010). */
function parseShard(value: unknown): [number, number] | null {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return null;
  return [id as number, count as number];
}
