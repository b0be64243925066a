import { json } from '../http';
import type { AddRoute } from './route';

/** `GET /gateway` and `GET /gateway/bot`. The WebSocket endpoint itself comes with the gateway work. */
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
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86400000, max_concurrency: 1 },
      }),
  });
}

function gatewayUrl(base: string): string {
  return `${base.replace(/^http/, 'ws')}/gateway`;
}
