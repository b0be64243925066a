import type { EmulatorContext } from '../context';
import { isRecord } from '../form-errors';
import type { GatewayConnection } from './connection';
import { handleIdentify, handleResume } from './handshake';
import { handlePresenceUpdate, handleRequestMembers } from './requests';

/** Opcodes a client may send (`developers/topics/opcodes-and-status-codes.mdx`); anything else → 4001. */
const CLIENT_OPS = new Set([1, 2, 3, 4, 6, 8, 31, 43]);
/** Before Identify/Resume only these are allowed; the other client ops → 4003. */
const BEFORE_AUTH = new Set([1, 2, 6]);
const MAX_FRAME_BYTES = 4096;

/** A new connection: Hello, then the first heartbeat is due within `interval × heartbeatTimeoutFactor`. */
export function startConnection(ctx: EmulatorContext, conn: GatewayConnection): void {
  conn.heartbeatIntervalMs = ctx.gateway.config.heartbeatIntervalMs;
  conn.send({ op: 10, d: { heartbeat_interval: conn.heartbeatIntervalMs } });
  expectHeartbeat(ctx, conn);
}

/**
 * One frame from the client, checked in this order: send rate (4008), size (4002), JSON (4002), opcode (4001),
 * authenticated (4003), then the opcode's handler.
 */
export function handleFrame(ctx: EmulatorContext, conn: GatewayConnection, data: Buffer): void {
  if (conn.closing) return;
  const frame = readFrame(ctx, conn, data);
  if ('code' in frame) {
    conn.close(frame.code, frame.reason);
    return;
  }
  const { op, d } = frame;
  if (op === 1) handleHeartbeat(ctx, conn, d);
  else if (op === 2) handleIdentify(ctx, conn, d);
  else if (op === 6) handleResume(ctx, conn, d);
  else if (op === 3 && conn.session) handlePresenceUpdate(conn, conn.session, d);
  else if (op === 8 && conn.session) handleRequestMembers(ctx, conn, conn.session, d);
  // 4 (voice state), 31 (soundboard sounds), 43 (channel info): accepted and ignored.
}

function readFrame(
  ctx: EmulatorContext,
  conn: GatewayConnection,
  data: Buffer,
): { op: number; d: unknown } | { code: number; reason: string } {
  if (conn.countFrame(Date.now(), ctx.gateway.config.sendLimitPer60s))
    return { code: 4008, reason: 'Rate limited.' };
  if (data.byteLength > MAX_FRAME_BYTES)
    return { code: 4002, reason: 'Decode error: payload over 4096 bytes.' };
  let payload: unknown;
  try {
    payload = JSON.parse(data.toString('utf8'));
  } catch {
    return { code: 4002, reason: 'Decode error: invalid JSON.' };
  }
  if (!isRecord(payload) || !Number.isInteger(payload.op))
    return { code: 4002, reason: 'Decode error: a payload is {op, d}.' };
  const op = payload.op as number;
  if (!CLIENT_OPS.has(op)) return { code: 4001, reason: 'Unknown opcode.' };
  if (!conn.authenticated && !BEFORE_AUTH.has(op)) return { code: 4003, reason: 'Not authenticated.' };
  return { op, d: payload.d };
}

/** The socket closed. A client close with 1000/1001 ends the session; anything else leaves it resumable. */
export function handleClosed(ctx: EmulatorContext, conn: GatewayConnection, code: number, reason: string) {
  ctx.gateway.connections.delete(conn);
  const byClient = conn.closing === undefined;
  conn.closedByClient(code, reason);
  const session = conn.session;
  if (!session || session.connection !== conn) return;
  if (byClient && (code === 1000 || code === 1001)) session.invalidate();
  else session.detach(Date.now());
}

/**
 * Heartbeat (op 1): `d` must be an integer or null (4001). Recorded, compared with the last `s` sent (a mismatch
 * is counted, not punished), answered with op 11 as the shard's ack mode says.
 */
function handleHeartbeat(ctx: EmulatorContext, conn: GatewayConnection, d: unknown): void {
  const seq = d === undefined ? null : d;
  if (seq !== null && !Number.isInteger(seq)) {
    conn.close(4001, 'Heartbeat d must be the last s or null.');
    return;
  }
  const now = Date.now();
  conn.heartbeatsReceived += 1;
  conn.lastHeartbeatAt = now;
  const session = conn.session;
  if (session) {
    session.heartbeatsReceived += 1;
    session.lastHeartbeatAt = now;
    session.lastHeartbeatSeq = seq as number | null;
    if (seq !== (session.seq === 0 ? null : session.seq)) session.heartbeatSeqMismatches += 1;
  }
  expectHeartbeat(ctx, conn);
  const ack = ctx.gateway.ackModeFor(session?.shard[0]);
  if (ack.mode === 'normal') conn.send({ op: 11, d: null });
  else if (ack.mode === 'delay') conn.later(ack.ms, () => conn.send({ op: 11, d: null }));
}

function expectHeartbeat(ctx: EmulatorContext, conn: GatewayConnection): void {
  const { heartbeatTimeoutFactor, heartbeatTimeoutCode } = ctx.gateway.config;
  conn.expectHeartbeatWithin(Math.ceil(conn.heartbeatIntervalMs * heartbeatTimeoutFactor), () =>
    conn.close(heartbeatTimeoutCode, 'Heartbeat timed out.'),
  );
}
