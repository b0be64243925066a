import { json } from '../http';
import type { AddRoute } from './route';

/** `GET /gateway` and `GET /gateway/bot` (live shard count and session start limit from the gateway config). */
export function registerGatewayRoutes(add: AddRoute): void {
  add('GET', '/gateway', {
    auth: 'none',
    handler: ({ ctx }) => json(200, { url: gatewayUrl(ctx.url) }),
  });
  add('GET', '/gateway/bot', {
    auth: 'bot',
    bucket: 'gatewayBot',
    handler: ({ ctx }) =>
      json(200, {
        url: gatewayUrl(ctx.url),
        shards: ctx.gateway.config.recommendedShards,
        session_start_limit: ctx.gateway.sessionStartLimit(),
      }),
  });
}

function gatewayUrl(base: string): string {
  return `${base.replace(/^http/, 'ws')}/gateway`;
}
