import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { database } from '../db/client';
import { accessibleGuilds, type Capability, type GuildAccess } from './access';
import { apiError, type DashboardContext, type DashboardEnv, dashboardOrigin } from './context';
import { fetchUserGuilds, OAuthError } from './discord-oauth';
import { GrantStore } from './grants';
import { botGuilds } from './guild-directory';
import { sameSecret } from './secrets';
import { SessionStore } from './session-store';

export const SESSION_COOKIE = 'ew_session';
/** The user's guild list (and permissions) from Discord is trusted for this long. */
const GUILDS_TTL_MS = 5 * 60_000;

export const sessionStore = (c: DashboardContext) =>
  new SessionStore(database(c.env.DB), c.get('config').dashboard.clientSecret as string);

/** 503 until the dashboard is configured (the client secret is needed for logins). */
export const requireDashboard = createMiddleware<DashboardEnv>(async (c, next) => {
  if (!c.get('config').dashboard.clientSecret)
    return apiError(c, 503, 'The dashboard is not configured: set the DISCORD_CLIENT_SECRET secret.');
  await next();
});

/** 401 without a live session; sets `session` and `isBotOwner`. */
export const requireSession = createMiddleware<DashboardEnv>(async (c, next) => {
  const session = await sessionStore(c).find(getCookie(c, SESSION_COOKIE));
  if (!session) return apiError(c, 401, 'Not logged in, or the session has expired.');
  c.set('session', session);
  c.set('isBotOwner', c.get('config').ownerIds.includes(session.userId));
  await next();
});

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: every state-changing request carries the session's token in
 * `X-CSRF-Token` (which another site cannot read), and a browser's `Origin`, when sent, must be ours.
 */
export const requireCsrf = createMiddleware<DashboardEnv>(async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  if (origin && origin !== dashboardOrigin(c)) return apiError(c, 403, 'Cross-site request refused.');
  const token = c.req.header('x-csrf-token') ?? '';
  const expected = c.get('session').csrfToken;
  if (!sameSecret(token, expected)) return apiError(c, 403, 'Missing or wrong CSRF token: reload the page.');
  await next();
});

/** The guilds this user may see, with what they may do (their Discord guild list refreshed when stale). */
export async function guildsFor(c: DashboardContext): Promise<GuildAccess[]> {
  const session = c.get('session');
  let userGuilds = session.guilds;
  if (!userGuilds || !session.guildsFetchedAt || Date.now() - session.guildsFetchedAt > GUILDS_TTL_MS) {
    userGuilds = await fetchUserGuilds(c.get('config'), session.accessToken);
    await sessionStore(c).saveGuilds(session.idHash, userGuilds);
  }
  const [bots, grants] = await Promise.all([
    botGuilds(c.get('services').rest()),
    new GrantStore(database(c.env.DB)).forUser(session.userId),
  ]);
  return accessibleGuilds({ botGuilds: bots, userGuilds, grants, isBotOwner: c.get('isBotOwner') });
}

/**
 * The guild in the path, if this user may `capability` there: 404 when the guild is not theirs (whether or
 * not it exists), 403 when they may see it but not do this.
 */
export function guildAccess(capability: Capability) {
  return createMiddleware<DashboardEnv>(async (c, next) => {
    let guilds: GuildAccess[];
    try {
      guilds = await guildsFor(c);
    } catch (error) {
      if (error instanceof OAuthError && error.status === 401) {
        await sessionStore(c).delete(c.get('session').idHash);
        return apiError(c, 401, 'Discord ended this login: log in again.');
      }
      throw error;
    }
    const guild = guilds.find((g) => g.id === c.req.param('guildId'));
    if (!guild) return apiError(c, 404, 'No such server here.');
    if (!guild.can.includes(capability))
      return apiError(c, 403, `Your access to this server (${guild.access}) does not include ${capability}.`);
    c.set('guild', guild);
    await next();
  });
}

export const requireBotOwner = createMiddleware<DashboardEnv>(async (c, next) => {
  if (!c.get('isBotOwner')) return apiError(c, 403, 'Bot owners only.');
  await next();
});
