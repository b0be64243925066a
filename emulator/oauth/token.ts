import type { EmulatorContext } from '../context';
import { json, type Reply } from '../http';
import type { RestRequest } from '../rest/route';
import type { TokenPair } from './store';

/**
 * `POST /oauth2/token` and `POST /oauth2/token/revoke` (`developers/topics/oauth2.mdx`). Bodies must be
 * `application/x-www-form-urlencoded`; the client authenticates with HTTP Basic or `client_id` + `client_secret` in
 * the form. Errors use the OAuth2 shape `{error, error_description?}` (RFC 6749 §5.2).
 *
 * The order follows Discord: a body Discord cannot read has no `grant_type`, so JSON answers
 * `unsupported_grant_type` (as `discord-api-docs` issues #645 and #5249 report) before the client is checked.
 */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const NOT_A_FORM =
  'emulator: the body must be application/x-www-form-urlencoded (Discord reads no other body, so grant_type is missing).';

function oauthError(status: number, error: string, description?: string): Reply {
  return json(status, description ? { error, error_description: description } : { error }, NO_STORE);
}

const invalidClient = () => oauthError(401, 'invalid_client');
const invalidGrant = (field: string) => oauthError(400, 'invalid_grant', `Invalid "${field}" in request.`);

function decodePart(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

/** The client id when the credentials are right (Basic first, as RFC 6749 §2.3.1 prefers; else the form). */
function authenticateClient(ctx: EmulatorContext, header: string | undefined, form: URLSearchParams) {
  let id: string | null;
  let secret: string | null;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    id = decodePart(decoded.slice(0, colon));
    secret = decodePart(decoded.slice(colon + 1));
  } else {
    id = form.get('client_id');
    secret = form.get('client_secret');
  }
  const ok = id === ctx.store.applicationId && secret === ctx.oauth.config.clientSecret;
  return ok ? id : undefined;
}

/** The access token response (`oauth2.mdx`, "Access Token Response"). */
function tokenResponse(pair: TokenPair, now: number) {
  return {
    access_token: pair.accessToken,
    token_type: 'Bearer',
    expires_in: Math.max(0, Math.round((pair.expiresAt - now) / 1000)),
    refresh_token: pair.refreshToken,
    scope: pair.scopes.join(' '),
  };
}

export function exchangeToken({ ctx, form, authorization }: RestRequest): Reply {
  if (!form) return oauthError(400, 'unsupported_grant_type', NOT_A_FORM);
  const grantType = form.get('grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', `Grant type ${grantType ?? 'None'} is not supported`);
  }
  const clientId = authenticateClient(ctx, authorization, form);
  if (!clientId) return invalidClient();
  const now = ctx.clock.now();
  if (grantType === 'refresh_token') {
    const pair = ctx.oauth.refresh(form.get('refresh_token') ?? '', clientId, now);
    return pair ? json(200, tokenResponse(pair, now), NO_STORE) : invalidGrant('refresh_token');
  }
  const redeemed = ctx.oauth.redeemCode(form.get('code') ?? '', clientId, form.get('redirect_uri'), now);
  if (!redeemed.ok) return invalidGrant(redeemed.field);
  const { userId, scopes } = redeemed.code;
  const pair = ctx.oauth.issueTokens({ clientId, userId, scopes }, now);
  return json(200, tokenResponse(pair, now), NO_STORE);
}

/** RFC 7009: an unknown token is still a 200; a known one ends its whole authorization (the docs' warning). */
export function revokeToken({ ctx, form, authorization }: RestRequest): Reply {
  if (!form) {
    return oauthError(
      400,
      'invalid_request',
      'emulator: the body must be application/x-www-form-urlencoded.',
    );
  }
  const clientId = authenticateClient(ctx, authorization, form);
  if (!clientId) return invalidClient();
  const token = form.get('token');
  if (!token) return oauthError(400, 'invalid_request');
  ctx.oauth.revoke(token, clientId);
  return json(200, {}, NO_STORE);
}
