import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type DashboardEnv, dashboardOrigin } from './context';
import { authorizeUrl, exchangeCode, fetchUser, revoke } from './discord-oauth';
import { requireCsrf, requireSession, SESSION_COOKIE, sessionStore } from './middleware';
import { randomToken, sameSecret } from './secrets';

const STATE_COOKIE = 'ew_oauth';
const STATE_TTL_S = 600;

/** A path on the dashboard to go back to after login; anything else (another site, `//x`) becomes `/`. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}

const callbackUrl = (c: Parameters<typeof dashboardOrigin>[0]) => `${dashboardOrigin(c)}/api/auth/callback`;

/** Discord OAuth2 login (authorization code), logout, and who is logged in. */
export const authRoutes = new Hono<DashboardEnv>()
  .get('/login', (c) => {
    const state = randomToken(24);
    const next = safeNext(c.req.query('next'));
    setCookie(c, STATE_COOKIE, `${state}|${next}`, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/api/auth',
      maxAge: STATE_TTL_S,
    });
    return c.redirect(authorizeUrl(c.get('config'), callbackUrl(c), state), 302);
  })
  .get('/callback', async (c) => {
    const fail = (reason: string) => {
      deleteCookie(c, STATE_COOKIE, { path: '/api/auth' });
      return c.redirect(`/?login_error=${encodeURIComponent(reason)}`, 302);
    };
    const [expected, next] = (getCookie(c, STATE_COOKIE) ?? '').split('|');
    const state = c.req.query('state') ?? '';
    if (!expected || !sameSecret(state, expected)) return fail('state');
    if (c.req.query('error')) return fail(c.req.query('error') === 'access_denied' ? 'denied' : 'discord');
    const code = c.req.query('code');
    if (!code) return fail('code');
    const config = c.get('config');
    let cookie: { cookie: string; expiresAt: number };
    try {
      const tokens = await exchangeCode(config, code, callbackUrl(c));
      const user = await fetchUser(config, tokens.access_token);
      cookie = await sessionStore(c).create(user, tokens);
    } catch (error) {
      console.error('Edgeward: dashboard login failed:', error);
      return fail('exchange');
    }
    deleteCookie(c, STATE_COOKIE, { path: '/api/auth' });
    setCookie(c, SESSION_COOKIE, cookie.cookie, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
      expires: new Date(cookie.expiresAt),
    });
    return c.redirect(safeNext(next), 302);
  })
  .post('/logout', requireSession, requireCsrf, async (c) => {
    const session = c.get('session');
    await revoke(c.get('config'), session.accessToken);
    await sessionStore(c).delete(session.idHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

/** `GET /api/me` */
export const meRoute = new Hono<DashboardEnv>().get('/', requireSession, (c) => {
  const s = c.get('session');
  return c.json({
    user: { id: s.userId, username: s.username, globalName: s.globalName, avatar: s.avatar },
    isBotOwner: c.get('isBotOwner'),
    csrfToken: s.csrfToken,
  });
});
