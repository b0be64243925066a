import { env, SELF } from 'cloudflare:test';
import { emulator } from './harness';

/** The dashboard's origin in tests: a loopback URL, which the emulator accepts as a redirect URI. */
export const DASH = 'http://127.0.0.1:8788';

export interface LoggedIn {
  cookie: string;
  csrf: string;
  userId: string;
}

function cookieFrom(res: Response, name: string): string | null {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [key, value] = (pair ?? '').split('=');
    if (key?.trim() === name) return value ?? '';
  }
  return null;
}

/** Logs in through the emulator's OAuth2 as `userId`, the way a browser would; returns the session. */
export async function login(userId: string): Promise<LoggedIn> {
  await emulator('/oauth/current-user', { method: 'PUT', body: { user_id: userId } });
  const start = await SELF.fetch(`${DASH}/api/auth/login?next=/guilds`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`login: ${start.status} ${await start.text()}`);
  const state = cookieFrom(start, 'ew_oauth');
  const authorize = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
  const back = authorize.headers.get('location');
  if (authorize.status !== 302 || !back) throw new Error(`authorize: ${authorize.status}`);
  const done = await SELF.fetch(back, { redirect: 'manual', headers: { cookie: `ew_oauth=${state}` } });
  const cookie = cookieFrom(done, 'ew_session');
  if (!cookie) throw new Error(`callback: ${done.status} → ${done.headers.get('location')}`);
  const me = await api({ cookie, csrf: '', userId }, 'GET', '/api/me');
  return { cookie, csrf: ((await me.json()) as { csrfToken: string }).csrfToken, userId };
}

/** Calls the dashboard API as a logged-in user (CSRF token and Origin sent on writes unless told otherwise). */
export function api(
  who: LoggedIn | null,
  method: string,
  path: string,
  body?: unknown,
  options: { csrf?: string | null; origin?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = `ew_session=${who.cookie}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = options.csrf === undefined ? who?.csrf : options.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    headers.origin = options.origin ?? DASH;
  }
  return SELF.fetch(`${DASH}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
}

/** Clears dashboard state between tests. */
export async function clearDashboard() {
  await env.DB.batch(
    ['dashboard_sessions', 'dashboard_grants', 'guild_settings', 'backups', 'backup_jobs', 'cooldowns'].map(
      (t) => env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}
