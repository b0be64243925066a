import type { Emulator } from '../../../emulator/index';
import { control, type Res } from './helpers';

/** The dashboard's callback on some port: the emulator's default redirect URIs accept any loopback port. */
export const CALLBACK = 'http://127.0.0.1:8787/api/auth/callback';

export interface Authorized {
  status: number;
  headers: Headers;
  /** The redirect target's query (empty when there is no redirect). */
  params: URLSearchParams;
  location: string | null;
  html: string;
}

/** The authorize URL with the usual parameters; `overrides` with `null` drops one. */
export function authorizeUrl(emu: Emulator, overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: emu.applicationId,
    scope: 'identify guilds',
    redirect_uri: CALLBACK,
    state: 'state-123',
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null) query.set(key, value);
  return `${emu.webBase}/oauth2/authorize?${query}`;
}

/** GET /oauth2/authorize without following the redirect. */
export async function authorize(
  emu: Emulator,
  overrides: Record<string, string | null> = {},
  headers: Record<string, string> = {},
): Promise<Authorized> {
  const res = await fetch(authorizeUrl(emu, overrides), { redirect: 'manual', headers });
  const location = res.headers.get('location');
  const params = location ? new URL(location).searchParams : new URLSearchParams();
  return { status: res.status, headers: res.headers, params, location, html: await res.text() };
}

/** A code for `user` (set as the control API's current user). */
export async function codeFor(emu: Emulator, userId: string, scope = 'identify guilds'): Promise<string> {
  await control(emu, 'PUT', '/oauth/current-user', { user_id: userId });
  const res = await authorize(emu, { scope });
  const code = res.params.get('code');
  if (!code) throw new Error(`no code: ${res.status} ${res.location}`);
  return code;
}

export function basic(emu: Emulator, secret = emu.clientSecret, id = emu.applicationId): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** A form POST to the API (default: HTTP Basic with the right client credentials). */
export async function postForm(
  emu: Emulator,
  path: string,
  form: Record<string, string>,
  opts: { auth?: string | null; contentType?: string; body?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = {
    'Content-Type': opts.contentType ?? 'application/x-www-form-urlencoded',
  };
  const auth = opts.auth === undefined ? basic(emu) : opts.auth;
  if (auth) headers.Authorization = auth;
  const res = await fetch(`${emu.apiBase}${path}`, {
    method: 'POST',
    headers,
    body: opts.body ?? new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
}

export function exchange(emu: Emulator, code: string, redirectUri = CALLBACK): Promise<Res> {
  return postForm(emu, '/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
  });
}

/** The whole flow for one user: authorize as them, exchange the code; returns the token response. */
export async function loginAs(emu: Emulator, userId: string, scope = 'identify guilds') {
  const res = await exchange(emu, await codeFor(emu, userId, scope));
  if (res.status !== 200) throw new Error(`exchange failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { access_token: string; refresh_token: string; expires_in: number; scope: string };
}

/** A GET with a Bearer token. */
export async function bearerGet(emu: Emulator, path: string, token: string): Promise<Res> {
  const res = await fetch(`${emu.apiBase}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
}

export const UNAUTHORIZED = { message: '401: Unauthorized', code: 0 };
