import { json } from '../http';
import { authorizationInfo } from '../oauth/bearer';
import { exchangeToken, revokeToken } from '../oauth/token';
import type { AddRoute } from './route';

/**
 * The OAuth2 API routes (`developers/topics/oauth2.mdx`): the token and revocation URLs (form bodies, client
 * authentication in the handler) and the current authorization. `/users/@me` and `/users/@me/guilds` take Bearer
 * tokens too (users.ts). `GET /oauth2/applications/@me` is the bot's (users.ts).
 */
export function registerOAuthRoutes(add: AddRoute): void {
  add('POST', '/oauth2/token', { auth: 'none', form: true, handler: exchangeToken });
  add('POST', '/oauth2/token/revoke', { auth: 'none', form: true, handler: revokeToken });
  add('GET', '/oauth2/@me', {
    auth: 'bearer',
    handler: ({ ctx, bearer }) => json(200, authorizationInfo(ctx, bearer!)),
  });
}
