import { uploadAsUser } from './attachments';
import type { EmulatorContext } from './context';
import { registerGatewayControlRoutes } from './control-gateway';
import { registerGuildControlRoutes } from './control-guilds';
import { registerOAuthControlRoutes } from './control-oauth';
import { isRecord } from './form-errors';
import { ControlError, json, type Reply, Router } from './http';
import { buildInteraction, parseBuildSpec } from './interactions/build';
import { reportResponse, sendInteraction } from './interactions/send';
import { recordView } from './interactions/view';
import { isVisibleTo } from './messages';
import type { Scope } from './rate-limits';

/** The control API under `/__emulator` (JSON in and out). See docs/emulator.md. */
export interface ControlRequest {
  ctx: EmulatorContext;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

type ControlHandler = (req: ControlRequest) => Reply | Promise<Reply>;

export function resetEmulator(ctx: EmulatorContext): void {
  ctx.store.reset();
  ctx.log.reset();
  ctx.interactions.reset();
  ctx.rateLimits.reset();
  ctx.faults.reset();
  ctx.files.reset();
  ctx.images.reset();
  ctx.clock.offsetMs = 0;
  ctx.gateway.reset();
  ctx.oauth.reset();
}

export function createControlRouter(): Router<ControlHandler> {
  const router = new Router<ControlHandler>();
  const add = (method: string, path: string, handler: ControlHandler) => router.add(method, path, handler);

  add('POST', '/reset', ({ ctx }) => {
    resetEmulator(ctx);
    return json(200, { ok: true });
  });
  add('GET', '/info', ({ ctx }) => json(200, info(ctx)));
  add('GET', '/state', ({ ctx }) => json(200, ctx.store.state));
  add('GET', '/log', ({ ctx, query }) =>
    json(200, ctx.log.filter(query.get('method'), query.get('path'), query.get('kind'))),
  );
  add('GET', '/channels/:channelId/messages', ({ ctx, params, query }) => {
    if (!ctx.store.channel(params.channelId!))
      throw new ControlError(404, `unknown channel ${params.channelId}`);
    const asUser = query.get('user') ?? undefined;
    const list = ctx.store
      .messages(params.channelId!)
      .filter((m) => !query.has('user') || isVisibleTo(m, asUser))
      .map((m) => ({ ...structuredClone(m.message), ephemeral: m.ephemeralFor !== undefined }));
    return json(200, list);
  });

  add('POST', '/attachments', ({ ctx, body }) => json(200, uploadAsUser(ctx, body)));
  add('POST', '/interactions/build', ({ ctx, body }) => {
    const built = buildInteraction(ctx, parseBuildSpec(body));
    return json(200, { id: built.id, token: built.token, body: built.body, headers: built.headers });
  });
  add('POST', '/interactions/send', async ({ ctx, body }) => {
    const url = isRecord(body) && typeof body.url === 'string' ? body.url : undefined;
    return json(200, await sendInteraction(ctx, parseBuildSpec(body), url));
  });
  add('POST', '/interactions/:id/response', ({ ctx, params, body }) => {
    const record = requireRecord(ctx, params.id!);
    if (!isRecord(body) || typeof body.status !== 'number')
      throw new ControlError(400, 'body needs {status, body}');
    reportResponse(ctx, record, body.status, body.body ?? null);
    return json(200, recordView(ctx, record));
  });
  add('GET', '/interactions/:id', ({ ctx, params }) =>
    json(200, recordView(ctx, requireRecord(ctx, params.id!))),
  );
  add('GET', '/interactions/:id/wait', async ({ ctx, params, query }) => {
    const record = requireRecord(ctx, params.id!);
    const count = Number(query.get('count') ?? '1');
    const timeout = Number(query.get('timeout') ?? '5000');
    const ok = await ctx.interactions.waitUntil(
      () => record.followups.length + record.edits.length >= count,
      timeout,
    );
    return json(ok ? 200 : 408, recordView(ctx, record));
  });

  add('POST', '/ratelimit/force', ({ ctx, body }) => {
    const rule = matcher(body);
    const scope = isRecord(body) ? body.scope : undefined;
    if (scope !== 'user' && scope !== 'global' && scope !== 'shared') {
      throw new ControlError(400, 'scope must be user, global or shared');
    }
    const retryAfter = isRecord(body) && typeof body.retryAfter === 'number' ? body.retryAfter : 1;
    ctx.rateLimits.force({ ...rule, scope: scope as Scope, retryAfter });
    return json(200, { ok: true });
  });
  add('POST', '/faults', ({ ctx, body }) => {
    const rule = matcher(body);
    const status = isRecord(body) && typeof body.status === 'number' ? body.status : 500;
    if (status < 500 || status > 599) throw new ControlError(400, 'status must be a 5xx');
    const flag = (key: string) => isRecord(body) && body[key] === true;
    ctx.faults.add({
      ...rule,
      status,
      ...(flag('applyFirst') ? { applyFirst: true } : {}),
      ...(flag('drop') ? { drop: true } : {}),
    });
    return json(200, { ok: true });
  });
  add('PUT', '/intents', ({ ctx, body }) => {
    if (!isRecord(body)) throw new ControlError(400, 'body must be an object');
    const intents = ctx.store.state.intents;
    for (const key of ['members', 'messageContent', 'presences'] as const) {
      if (typeof body[key] === 'boolean') intents[key] = body[key];
    }
    return json(200, intents);
  });
  add('PATCH', '/guilds/:guildId/members/:userId', ({ ctx, params, body }) => {
    const guild = ctx.store.guild(params.guildId!);
    const member = guild?.members.find((m) => m.user_id === params.userId);
    if (!guild || !member)
      throw new ControlError(404, `no member ${params.userId} in guild ${params.guildId}`);
    if (!isRecord(body) || !Array.isArray(body.roles))
      throw new ControlError(400, 'body needs {roles: string[]}');
    const roles = body.roles.map(String);
    const unknown = roles.filter((r) => !guild.roles.some((role) => role.id === r));
    if (unknown.length > 0) throw new ControlError(400, `unknown roles ${unknown.join(', ')}`);
    member.roles = roles;
    return json(200, member);
  });
  registerGuildControlRoutes(add);
  registerGatewayControlRoutes(add);
  registerOAuthControlRoutes(add);
  add('PUT', '/time-offset', ({ ctx, body }) => {
    if (!isRecord(body) || typeof body.ms !== 'number') throw new ControlError(400, 'body needs {ms}');
    ctx.clock.offsetMs = body.ms;
    return json(200, { ms: ctx.clock.offsetMs });
  });
  return router;
}

export function info(ctx: EmulatorContext) {
  return {
    url: ctx.url,
    apiBase: `${ctx.url}/api/v10`,
    cdnBase: `${ctx.url}/cdn`,
    publicKey: ctx.keys.publicKeyHex,
    botToken: ctx.store.state.botToken,
    applicationId: ctx.store.applicationId,
    webBase: ctx.url,
    clientSecret: ctx.oauth.config.clientSecret,
  };
}

function requireRecord(ctx: EmulatorContext, id: string) {
  const record = ctx.interactions.get(id);
  if (!record) throw new ControlError(404, `unknown interaction ${id}`);
  return record;
}

function matcher(body: unknown): { method?: string; path: string; count: number } {
  if (!isRecord(body) || typeof body.path !== 'string') throw new ControlError(400, 'body needs {path}');
  const count = typeof body.count === 'number' ? body.count : 1;
  return typeof body.method === 'string'
    ? { method: body.method.toUpperCase(), path: body.path, count }
    : { path: body.path, count };
}
