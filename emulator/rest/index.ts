import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../context';
import type { Fault } from '../faults';
import { ApiError, errors, json, type Reply, Router } from '../http';
import type { TokenPair } from '../oauth/store';
import type { BucketRef } from '../rate-limits';
import type { AuthKind } from '../request-log';
import { registerCommandRoutes } from './application-commands';
import { registerAuditLogRoutes } from './audit-logs';
import { registerBanWriteRoutes } from './bans-write';
import { type ParsedBody, parseRequestBody } from './body';
import { registerChannelMessageRoutes } from './channels-messages';
import { registerChannelWriteRoutes } from './channels-write';
import { registerExpressionRoutes } from './expressions';
import { registerExpressionWriteRoutes } from './expressions-write';
import { registerGatewayRoutes } from './gateway';
import { registerGuildWriteRoutes } from './guild-write';
import { registerGuildRoutes } from './guilds';
import { registerInteractionWebhookRoutes } from './interactions-webhooks';
import { registerMemberWriteRoutes } from './members-write';
import { registerOAuthRoutes } from './oauth2';
import { registerReactionRoutes } from './reactions';
import { registerRoleWriteRoutes } from './roles-write';
import type { RestRoute } from './route';
import { registerUserRoutes } from './users';

/**
 * The REST pipeline: route match → injected fault → forced 429 → auth → global limit → route bucket → body →
 * handler, then the request is logged. Accepts `/api/...`, `/api/v9/...` and `/api/v10/...`.
 */
export function createRestRouter(): Router<RestRoute> {
  const router = new Router<RestRoute>();
  const add = (method: string, pattern: string, route: Omit<RestRoute, 'pattern'>) =>
    router.add(method, pattern, { ...route, pattern });
  registerGatewayRoutes(add);
  registerUserRoutes(add);
  registerGuildRoutes(add);
  registerGuildWriteRoutes(add);
  registerRoleWriteRoutes(add);
  registerMemberWriteRoutes(add);
  registerBanWriteRoutes(add);
  registerAuditLogRoutes(add);
  registerExpressionRoutes(add);
  registerExpressionWriteRoutes(add);
  registerChannelMessageRoutes(add);
  registerReactionRoutes(add);
  registerChannelWriteRoutes(add);
  registerCommandRoutes(add);
  registerInteractionWebhookRoutes(add);
  registerOAuthRoutes(add);
  return router;
}

const API_PREFIX = /^\/api(?:\/v(?:9|10))?(?=\/|$)/;

export function isRestPath(path: string): boolean {
  return API_PREFIX.test(path);
}

export async function handleRest(
  ctx: EmulatorContext,
  router: Router<RestRoute>,
  req: IncomingMessage,
  url: URL,
  rawBody: Buffer,
): Promise<Reply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.replace(API_PREFIX, '') || '/';
  const authorization = req.headers.authorization;
  const auth = authKind(ctx, authorization);
  const parsed = await parseRequestBody(method, rawBody, req.headers['content-type']);
  let bucket: string | undefined;
  const finish = (reply: Reply): Reply => {
    const entry = {
      kind: 'rest' as const,
      method,
      path,
      query: url.search,
      status: reply.status,
      auth,
      at: ctx.clock.now(),
      body: parsed.logBody,
      ...(parsed.logFiles ? { files: parsed.logFiles } : {}),
    };
    ctx.log.add(bucket ? { ...entry, bucket } : entry);
    return reply;
  };

  const match = router.match(method, path);
  if (match === null) return finish(errors.notFound().toReply());
  if (match === 'method') return finish(errors.methodNotAllowed().toReply());
  const { route, params } = match;
  const ref: BucketRef = {
    name: route.bucket ?? 'default',
    key: `${method} ${route.pattern}`,
    major: majorParameter(route, params),
    identity: callerIdentity(auth, authorization, req.socket.remoteAddress),
  };

  const fault = ctx.faults.take(method, url.pathname);
  if (fault && !fault.applyFirst) return finish(faultReply(fault));
  const reply = await routed(
    ctx,
    route,
    params,
    method,
    url,
    auth,
    authorization,
    ref,
    parsed,
    (b) => {
      bucket = b;
    },
    auditReason(req.headers['x-audit-log-reason']),
  );
  // `applyFirst`: the request was handled (a write happened) but the client only sees the fault.
  return finish(fault ? faultReply(fault) : reply);
}

function faultReply(fault: Fault): Reply {
  return fault.drop
    ? { ...errors.serverError(fault.status).toReply(), drop: true }
    : errors.serverError(fault.status).toReply();
}

/** `X-Audit-Log-Reason` is URL-encoded UTF-8, 1–512 characters (`developers/resources/audit-log.mdx`). */
export function auditReason(header: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return undefined;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // not URL-encoded: kept as sent
  }
  const reason = [...decoded].slice(0, 512).join('');
  return reason === '' ? undefined : reason;
}

/** Forced 429 → auth → global limit → route bucket → body → handler. */
async function routed(
  ctx: EmulatorContext,
  route: RestRoute,
  params: Record<string, string>,
  method: string,
  url: URL,
  auth: AuthKind,
  authorization: string | undefined,
  ref: BucketRef,
  parsed: ParsedBody,
  setBucket: (bucket: string) => void,
  reason: string | undefined,
): Promise<Reply> {
  const forced = ctx.rateLimits.takeForced(method, url.pathname);
  if (forced) return ctx.rateLimits.forcedReply(forced, ref);
  if (!acceptsAuth(route.auth, auth)) return errors.unauthorized().toReply();
  let bearer: TokenPair | undefined;
  if (auth === 'bearer' && route.auth !== 'none') {
    bearer = ctx.oauth.activeAccess(bearerToken(authorization), ctx.clock.now());
    if (!bearer) return errors.unauthorized().toReply();
  }
  if (!route.exemptFromGlobal) {
    const limited = ctx.rateLimits.consumeGlobal(ref.identity);
    if (limited) return limited;
  }
  const { headers, limited } = ctx.rateLimits.consume(ref);
  if (headers['X-RateLimit-Bucket']) setBucket(headers['X-RateLimit-Bucket']);
  if (limited) return limited;

  try {
    if (parsed.error && !route.form) throw parsed.error;
    const { body, files } = parsed;
    const namedFiles = parsed.namedFiles ?? {};
    const query = url.searchParams;
    const form = route.form ? parsed.form : undefined;
    const reply = await route.handler({
      ctx,
      method,
      params,
      query,
      body,
      files,
      namedFiles,
      auth,
      reason,
      authorization,
      bearer,
      form,
    });
    return { ...reply, headers: { ...headers, ...reply.headers } };
  } catch (error) {
    if (error instanceof ApiError) return { ...error.toReply(), headers };
    const message = error instanceof Error ? error.message : String(error);
    return json(500, { message: `500: Internal Server Error (${message})`, code: 0 }, headers);
  }
}

export function authKind(ctx: EmulatorContext, header: string | undefined): AuthKind {
  if (!header) return 'none';
  if (header === `Bot ${ctx.store.state.botToken}`) return 'bot';
  if (header.startsWith('Bearer ')) return 'bearer';
  if (header.startsWith('Basic ')) return 'basic';
  return 'invalid';
}

function acceptsAuth(required: RestRoute['auth'], auth: AuthKind): boolean {
  if (required === 'none') return true;
  if (required === 'bot-or-bearer') return auth === 'bot' || auth === 'bearer';
  return auth === required;
}

function bearerToken(header: string | undefined): string {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
}

/** Who a global limit and a route bucket count against: the bot, each Bearer token, or else the caller's IP. */
function callerIdentity(auth: AuthKind, header: string | undefined, ip: string | undefined): string {
  if (auth === 'bot') return 'bot';
  if (auth === 'bearer') return `bearer:${bearerToken(header)}`;
  return `ip:${ip ?? ''}`;
}

function majorParameter(route: RestRoute, params: Record<string, string>): string {
  switch (route.major) {
    case 'channel':
      return params.channelId ?? '';
    case 'guild':
      return params.guildId ?? '';
    case 'webhook':
      return `${params.appId}/${params.token}`;
    case 'interaction':
      return `${params.interactionId}/${params.token}`;
    default:
      return '';
  }
}
