import { z } from 'zod';
import type { Config } from '../config';

/** What Discord answers for a token grant. */
const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  scope: z.string(),
  token_type: z.string(),
});
export type OAuthTokens = z.infer<typeof tokenSchema>;

const userSchema = z.object({
  id: z.string().regex(/^\d{17,20}$/),
  username: z.string(),
  global_name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
});
export type OAuthUser = z.infer<typeof userSchema>;

const guildSchema = z.object({
  id: z.string().regex(/^\d{17,20}$/),
  name: z.string(),
  icon: z.string().nullable().optional(),
  owner: z.boolean().optional(),
  permissions: z.string().regex(/^\d+$/),
});
export type OAuthGuild = z.infer<typeof guildSchema>;

export const SCOPES = 'identify guilds';

export class OAuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type DashboardConfig = Pick<Config, 'applicationId' | 'apiBase' | 'dashboard'>;

export function authorizeUrl(config: DashboardConfig, redirectUri: string, state: string): string {
  const url = new URL(`${config.dashboard.webBase}/oauth2/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.applicationId);
  url.searchParams.set('scope', SCOPES);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('prompt', 'none');
  return url.toString();
}

async function tokenCall(config: DashboardConfig, path: string, form: Record<string, string>) {
  const res = await fetch(`${config.apiBase}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa(`${config.applicationId}:${config.dashboard.clientSecret ?? ''}`)}`,
    },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  return res;
}

/** Exchanges an authorization code (bound to `redirectUri`) for tokens. */
export async function exchangeCode(config: DashboardConfig, code: string, redirectUri: string) {
  const res = await tokenCall(config, '/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
  });
  if (!res.ok) throw new OAuthError(`Discord refused the login (HTTP ${res.status})`, res.status);
  return tokenSchema.parse(await res.json());
}

export async function refreshTokens(config: DashboardConfig, refreshToken: string) {
  const res = await tokenCall(config, '/oauth2/token', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  if (!res.ok) throw new OAuthError(`Discord refused the refresh (HTTP ${res.status})`, res.status);
  return tokenSchema.parse(await res.json());
}

/** Revokes the authorization (every token of it); failures are ignored: the session is gone anyway. */
export async function revoke(config: DashboardConfig, token: string) {
  await tokenCall(config, '/oauth2/token/revoke', { token, token_type_hint: 'access_token' }).catch(
    () => null,
  );
}

async function bearerGet(config: DashboardConfig, path: string, accessToken: string) {
  const res = await fetch(`${config.apiBase}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 401) throw new OAuthError('Discord no longer accepts this login', 401);
  if (!res.ok) throw new OAuthError(`Discord answered HTTP ${res.status}`, 502);
  return res.json();
}

export async function fetchUser(config: DashboardConfig, accessToken: string): Promise<OAuthUser> {
  return userSchema.parse(await bearerGet(config, '/users/@me', accessToken));
}

export async function fetchUserGuilds(config: DashboardConfig, accessToken: string): Promise<OAuthGuild[]> {
  const out: OAuthGuild[] = [];
  let after = '0';
  for (let page = 0; page < 5; page++) {
    const batch = z
      .array(guildSchema)
      .parse(await bearerGet(config, `/users/@me/guilds?limit=200&after=${after}`, accessToken));
    out.push(...batch);
    if (batch.length < 200) break;
    after = batch[batch.length - 1]?.id ?? after;
  }
  return out;
}
