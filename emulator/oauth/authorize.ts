import type { IncomingMessage } from 'node:http';
import type { APIUser } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import type { Reply } from '../http';
import { describeRedirects, isRegisteredRedirect } from './config';
import { cookieUser, findLoginUser, loginCandidates, loginCookie } from './login';
import { errorPage, loginPage, methodNotAllowed } from './pages';
import { parseScopes } from './scopes';

/**
 * `GET /oauth2/authorize` on the web root (`developers/topics/oauth2.mdx`, "Authorization Code Grant"). A bad
 * `client_id` or `redirect_uri` answers a 400 HTML page and never redirects; every other outcome is a 302 to the
 * redirect URI: `code` (+ `state`), or `error` + `error_description` (+ `state`) as in RFC 6749 §4.1.2.
 * Emulator-only parameters: `login_as` (user id or username) and `deny=1` (the login page's Cancel).
 */
export function isAuthorizePath(path: string): boolean {
  return path === '/oauth2/authorize' || path === '/oauth2/authorize/';
}

export function handleAuthorize(ctx: EmulatorContext, req: IncomingMessage, url: URL): Reply {
  const method = (req.method ?? 'GET').toUpperCase();
  const reply =
    method === 'GET' || method === 'HEAD'
      ? authorize(ctx, url.searchParams, req.headers.cookie)
      : methodNotAllowed();
  ctx.log.add({
    kind: 'oauth',
    method,
    path: url.pathname,
    query: url.search,
    status: reply.status,
    auth: 'none',
    at: ctx.clock.now(),
    body: null,
  });
  return reply;
}

const DENIED = 'The resource owner or authorization server denied the request';

function authorize(ctx: EmulatorContext, query: URLSearchParams, cookie: string | undefined): Reply {
  const clientId = query.get('client_id');
  const appId = ctx.store.applicationId;
  if (clientId !== appId) {
    return errorPage(
      'Invalid OAuth2 client_id',
      `Unknown client_id ${JSON.stringify(clientId ?? '')}: the emulated application's client id is its application id, ${appId}.`,
    );
  }
  const redirectUri = query.get('redirect_uri');
  const registered = describeRedirects(ctx.oauth.config);
  if (redirectUri === null) {
    return errorPage('Invalid OAuth2 redirect_uri', 'redirect_uri is missing. Registered:', registered);
  }
  if (!isRegisteredRedirect(ctx.oauth.config, redirectUri)) {
    return errorPage(
      'Invalid OAuth2 redirect_uri',
      `${JSON.stringify(redirectUri)} is not a registered redirect URI (exact match). Registered:`,
      registered,
    );
  }
  const state = query.get('state');
  const back = (params: Record<string, string>, headers?: Record<string, string>) =>
    redirect(redirectUri, params, state, headers);

  if (query.get('response_type') !== 'code') {
    return back({
      error: 'unsupported_response_type',
      error_description: 'emulator: only response_type=code (the authorization code grant) is supported.',
    });
  }
  const scopes = parseScopes(query.get('scope'));
  if (!scopes.ok) return back({ error: 'invalid_scope', error_description: scopes.description });
  if (ctx.oauth.deny || query.get('deny') === '1') {
    return back({ error: 'access_denied', error_description: DENIED });
  }

  const consent = (user: APIUser, headers?: Record<string, string>) => {
    const grant = { clientId, redirectUri, scopes: scopes.scopes, userId: user.id };
    return back({ code: ctx.oauth.issueCode(grant, ctx.clock.now()) }, headers);
  };
  const loginAs = query.get('login_as');
  if (loginAs !== null) {
    const user = findLoginUser(ctx, loginAs);
    if (user) return consent(user, { 'Set-Cookie': loginCookie(ctx, user.id) });
    return showLogin(
      ctx,
      query,
      redirectUri,
      scopes.scopes,
      `No user ${JSON.stringify(loginAs)} can log in.`,
    );
  }
  const remembered = query.get('prompt') === 'consent' ? undefined : cookieUser(ctx, cookie);
  if (remembered) return consent(remembered);
  const current = ctx.oauth.currentUserId === null ? undefined : findLoginUser(ctx, ctx.oauth.currentUserId);
  if (current) return consent(current);
  return showLogin(ctx, query, redirectUri, scopes.scopes);
}

function redirect(
  uri: string,
  params: Record<string, string>,
  state: string | null,
  headers: Record<string, string> = {},
): Reply {
  const target = new URL(uri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, headers: { Location: target.toString(), 'Cache-Control': 'no-store', ...headers } };
}

function showLogin(
  ctx: EmulatorContext,
  query: URLSearchParams,
  redirectUri: string,
  scopes: string[],
  notice?: string,
): Reply {
  const href = (extra: Record<string, string>) => {
    const params = new URLSearchParams(query);
    params.delete('login_as');
    params.delete('deny');
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return `/oauth2/authorize?${params}`;
  };
  const { listed, more } = loginCandidates(ctx);
  return loginPage(
    {
      appName: ctx.store.state.application.name,
      scopes,
      redirectUri,
      candidates: listed,
      more,
      loginHref: (userId) => href({ login_as: userId }),
      cancelHref: href({ deny: '1' }),
      ...(notice ? { notice } : {}),
    },
    notice ? 400 : 200,
  );
}
