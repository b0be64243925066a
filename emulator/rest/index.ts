import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../context';
import { ApiError, errors, json, type Reply, Router } from '../http';
import type { BucketRef } from '../rate-limits';
import type { AuthKind } from '../request-log';
import { registerCommandRoutes } from './application-commands';
import { parseRequestBody } from './body';
import { registerChannelMessageRoutes } from './channels-messages';
import { registerExpressionRoutes } from './expressions';
import { registerGatewayRoutes } from './gateway';
import { registerGuildRoutes } from './guilds';
import { registerInteractionWebhookRoutes } from './interactions-webhooks';
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
  registerExpressionRoutes(add);
  registerChannelMessageRoutes(add);
  registerCommandRoutes(add);
  registerInteractionWebhookRoutes(add);
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
  const auth = authKind(ctx, req.headers.authorization);
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
    identity: auth === 'bot' ? 'bot' : `ip:${req.socket.remoteAddress ?? ''}`,
  };

  const fault = ctx.faults.take(method, url.pathname);
  if (fault) return finish(errors.serverError(fault.status).toReply());
  const forced = ctx.rateLimits.takeForced(method, url.pathname);
  if (forced) return finish(ctx.rateLimits.forcedReply(forced, ref));
  if (route.auth === 'bot' && auth !== 'bot') return finish(errors.unauthorized().toReply());
  if (!route.exemptFromGlobal) {
    const limited = ctx.rateLimits.consumeGlobal(ref.identity);
    if (limited) return finish(limited);
  }
  const { headers, limited } = ctx.rateLimits.consume(ref);
  bucket = headers['X-RateLimit-Bucket'];
  if (limited) return finish(limited);

  try {
    if (parsed.error) throw parsed.error;
    const { body, files } = parsed;
    const reply = await route.handler({ ctx, method, params, query: url.searchParams, body, files, auth });
    return finish({ ...reply, headers: { ...headers, ...reply.headers } });
  } catch (error) {
    if (error instanceof ApiError) return finish({ ...error.toReply(), headers });
    const message = error instanceof Error ? error.message : String(error);
    return finish(json(500, { message: `500: Internal Server Error (${message})`, code: 0 }, headers));
  }
}

export function authKind(ctx: EmulatorContext, header: string | undefined): AuthKind {
  if (!header) return 'none';
  if (header === `Bot ${ctx.store.state.botToken}`) return 'bot';
  if (header.startsWith('Bearer ')) return 'bearer';
  return 'invalid';
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
