import type { Context } from 'hono';
import type { Config } from '../config';
import type { Env } from '../env';
import type { Services } from '../framework/context';
import type { GuildAccess } from './access';
import type { DashboardSession } from './session-store';

export type DashboardEnv = {
  Bindings: Env;
  Variables: {
    config: Config;
    services: Services;
    session: DashboardSession;
    isBotOwner: boolean;
    /** The guild in the path, once `guildAccess` allowed it. */
    guild: GuildAccess;
  };
};

export type DashboardContext = Context<DashboardEnv>;

/** A JSON error as the dashboard expects it: `{error, fields?}`. */
export function apiError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 429 | 502 | 503,
  error: string,
  extra: Record<string, unknown> = {},
) {
  return c.json({ error, ...extra }, status);
}

/** The dashboard's origin: DASHBOARD_URL, or the origin the request came to (the same-origin proxy). */
export function dashboardOrigin(c: Context<DashboardEnv>): string {
  const configured = c.get('config').dashboard.url;
  if (configured) return new URL(configured).origin;
  return new URL(c.req.url).origin;
}
