import { z } from 'zod';
import type { EmulatorContext } from './context';
import { closeCode, gatewayConfigPatch, parseControlBody } from './gateway/config';
import type { GatewayConnection } from './gateway/connection';
import { type Delivery, dispatchEvent, dispatchTo } from './gateway/dispatch';
import type { GatewaySession } from './gateway/session';
import { postUserMessage } from './gateway/user-messages';
import { addUserReaction, removeUserReaction } from './gateway/user-reactions';
import { ControlError, json, type Reply } from './http';

/** Control calls for the gateway (`/__emulator/gateway/*`) and user messages (`/__emulator/messages`). */
type Add = (
  method: string,
  path: string,
  handler: (req: { ctx: EmulatorContext; body: unknown }) => Reply | Promise<Reply>,
) => void;

/** `{shard}` (the connected session on that shard id, else the newest) or `{session_id}`. */
const target = {
  shard: z.number().int().min(0).optional(),
  session_id: z.string().optional(),
};
const needsTarget = (value: { shard?: number | undefined; session_id?: string | undefined }) =>
  value.shard !== undefined || value.session_id !== undefined;
const targetMessage = { message: 'body needs shard (a shard id) or session_id' };

const targetBody = z.object(target).strict().refine(needsTarget, targetMessage);
const reconnectBody = z
  .object({ ...target, closeAfterMs: z.number().int().min(0).default(2000), code: closeCode.default(4000) })
  .strict()
  .refine(needsTarget, targetMessage);
const invalidSessionBody = z
  .object({ ...target, resumable: z.boolean(), closeAfterMs: z.number().int().min(0).default(2000) })
  .strict()
  .refine(needsTarget, targetMessage);
const closeBody = z
  .object({
    ...target,
    code: closeCode,
    reason: z.string().max(120).default(''),
    invalidateSession: z.boolean().default(false),
  })
  .strict()
  .refine(needsTarget, targetMessage);
const heartbeatRequestBody = z
  .object({ ...target, waitMs: z.number().int().min(0).max(10_000).default(1000) })
  .strict()
  .refine(needsTarget, targetMessage);
const ackModeBody = z
  .object({
    shard: z.number().int().min(0).optional(),
    mode: z.enum(['normal', 'drop', 'delay']),
    ms: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((b) => b.mode !== 'delay' || b.ms !== undefined, { message: "mode 'delay' needs ms" });
const dispatchBody = z
  .object({
    ...target,
    guild_id: z
      .string()
      .regex(/^\d{1,20}$/, 'must be a snowflake')
      .optional(),
    t: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an event name like MESSAGE_CREATE'),
    d: z.unknown().default({}),
  })
  .strict();
const upgradeFailureBody = z
  .object({
    status: z.number().int().min(400).max(599),
    retryAfter: z.number().min(0).optional(),
    count: z.number().int().min(1).default(1),
  })
  .strict();

export function registerGatewayControlRoutes(add: Add): void {
  add('POST', '/messages', ({ ctx, body }) => json(200, postUserMessage(ctx, body)));
  add('POST', '/reactions', ({ ctx, body }) => json(200, addUserReaction(ctx, body)));
  add('DELETE', '/reactions', ({ ctx, body }) => json(200, removeUserReaction(ctx, body)));
  add('GET', '/gateway/sessions', ({ ctx }) => json(200, sessionsView(ctx)));
  add('GET', '/gateway/config', ({ ctx }) => json(200, ctx.gateway.config));
  add('PUT', '/gateway/config', ({ ctx, body }) =>
    json(200, ctx.gateway.applyConfig(parseControlBody(gatewayConfigPatch, body))),
  );
  add('POST', '/gateway/reconnect', ({ ctx, body }) => {
    const spec = parseControlBody(reconnectBody, body);
    const { session, conn } = connected(ctx, spec);
    conn.send({ op: 7, d: null });
    conn.later(spec.closeAfterMs, () => conn.close(spec.code, 'Reconnect requested.'));
    return json(200, { session_id: session.id, shard: session.shard });
  });
  add('POST', '/gateway/invalid-session', ({ ctx, body }) => {
    const spec = parseControlBody(invalidSessionBody, body);
    const { session, conn } = connected(ctx, spec);
    conn.send({ op: 9, d: spec.resumable });
    if (!spec.resumable) session.invalidate();
    conn.later(spec.closeAfterMs, () => conn.close(4000, 'Invalid session.'));
    return json(200, { session_id: session.id, shard: session.shard, resumable: spec.resumable });
  });
  add('POST', '/gateway/close', ({ ctx, body }) => {
    const spec = parseControlBody(closeBody, body);
    const { session, conn } = connected(ctx, spec);
    conn.close(spec.code, spec.reason);
    if (spec.invalidateSession) session.invalidate();
    return json(200, { session_id: session.id, shard: session.shard, code: spec.code });
  });
  add('POST', '/gateway/drop', ({ ctx, body }) => {
    const { session, conn } = connected(ctx, parseControlBody(targetBody, body));
    conn.drop();
    return json(200, { session_id: session.id, shard: session.shard });
  });
  add('POST', '/gateway/heartbeat-request', async ({ ctx, body }) => {
    const spec = parseControlBody(heartbeatRequestBody, body);
    const { session, conn } = connected(ctx, spec);
    const before = conn.heartbeatsReceived;
    const sentAt = Date.now();
    conn.send({ op: 1, d: null });
    const answered = await waitFor(() => conn.heartbeatsReceived > before, spec.waitMs);
    return json(200, {
      session_id: session.id,
      shard: session.shard,
      answered,
      afterMs: answered ? Date.now() - sentAt : null,
    });
  });
  add('PUT', '/gateway/ack-mode', ({ ctx, body }) => {
    const spec = parseControlBody(ackModeBody, body);
    ctx.gateway.setAckMode(
      spec.shard,
      spec.mode === 'delay' ? { mode: 'delay', ms: spec.ms ?? 0 } : { mode: spec.mode },
    );
    return json(200, ctx.gateway.ackModesView());
  });
  add('POST', '/gateway/dispatch', ({ ctx, body }) => json(200, { delivered: rawDispatch(ctx, body) }));
  add('POST', '/gateway/upgrade-failure', ({ ctx, body }) => {
    const spec = parseControlBody(upgradeFailureBody, body);
    const failure =
      spec.retryAfter !== undefined
        ? { status: spec.status, retryAfter: spec.retryAfter }
        : { status: spec.status };
    for (let i = 0; i < spec.count; i++) ctx.gateway.upgradeFailures.push(failure);
    return json(200, { pending: ctx.gateway.upgradeFailures.length });
  });
}

/** `{shard}` or `{session_id}` → a session with an open connection (404 no such session, 409 not connected). */
function connected(
  ctx: EmulatorContext,
  spec: { shard?: number | undefined; session_id?: string | undefined },
): { session: GatewaySession; conn: GatewayConnection } {
  const session = ctx.gateway.findSession(spec);
  const name = spec.session_id !== undefined ? `session ${spec.session_id}` : `shard ${spec.shard}`;
  if (!session) throw new ControlError(404, `no gateway session for ${name}`);
  const conn = session.connection;
  if (!conn?.open) throw new ControlError(409, `the session of ${name} has no open connection`);
  return { session, conn };
}

/** With `shard`/`session_id`: to those sessions as given. Without: routed like a real event (shard, intents). */
function rawDispatch(ctx: EmulatorContext, body: unknown): Delivery[] {
  const spec = parseControlBody(dispatchBody, body);
  if (!needsTarget(spec)) {
    return dispatchEvent(
      ctx,
      spec.guild_id !== undefined ? { t: spec.t, d: spec.d, guildId: spec.guild_id } : spec,
    );
  }
  const now = Date.now();
  const { resumeWindowMs } = ctx.gateway.config;
  const sessions =
    spec.session_id !== undefined
      ? [ctx.gateway.sessions.get(spec.session_id)]
      : [...ctx.gateway.sessions.values()].filter((s) => s.shard[0] === spec.shard);
  const live = sessions.filter((s): s is GatewaySession => s?.isLive(now, resumeWindowMs) === true);
  if (live.length === 0) throw new ControlError(404, 'no live gateway session to dispatch to');
  return live.map((session) => dispatchTo(ctx, session, spec.t, spec.d));
}

function sessionsView(ctx: EmulatorContext) {
  const gateway = ctx.gateway;
  const now = Date.now();
  return {
    sessions: [...gateway.sessions.values()].map((s) =>
      s.view(now, gateway.config.resumeWindowMs, gateway.identifiesFor(s.shard[0])),
    ),
    connections: [...gateway.connections].map((c) => c.view()),
    identifyLog: gateway.identifyLog,
    closes: gateway.closeLog,
    sessionStartLimit: gateway.sessionStartLimit(now),
    ackModes: gateway.ackModesView(),
  };
}

function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (condition()) return resolve(true);
      if (Date.now() - started >= timeoutMs) return resolve(false);
      setTimeout(check, 5);
    };
    check();
  });
}
