import { Hono } from 'hono';
import type { Config } from '../config';
import type { Registry } from '../framework/registry';
import { createServices } from '../services';
import { analyticsRoutes } from './analytics-routes';
import { authRoutes, meRoute } from './auth-routes';
import { backupRoutes } from './backup-routes';
import { apiError, type DashboardEnv } from './context';
import { extensionRoutes } from './extension-routes';
import { guildRoutes } from './guild-routes';
import { requireDashboard, requireSession } from './middleware';
import { grantRoutes, ownerRoutes } from './owner-routes';
import { restoreRoutes } from './restore-routes';

/**
 * The dashboard's JSON API under `/api` (see docs/dashboard-api.md): Discord login, then per-guild data
 * filtered by what the user may do there, re-checked on every call.
 */
export function dashboardApi(registryFor: (config: Config) => Registry) {
  const api = new Hono<DashboardEnv>();
  api.use(requireDashboard);
  api.use(async (c, next) => {
    const config = c.get('config');
    c.set(
      'services',
      createServices(
        c.env,
        config,
        registryFor(config),
        (w) => c.executionCtx.waitUntil(w),
        new URL(c.req.url).origin,
      ),
    );
    await next();
  });
  api.route('/auth', authRoutes);
  api.route('/me', meRoute);
  api.use('/guilds/*', requireSession);
  api.use('/owner/*', requireSession);
  api.route('/guilds', guildRoutes);
  api.route('/guilds', backupRoutes);
  api.route('/guilds', grantRoutes);
  api.route('/guilds', analyticsRoutes);
  api.route('/guilds', restoreRoutes);
  api.route('/guilds', extensionRoutes);
  api.route('/owner', ownerRoutes);
  api.notFound((c) => apiError(c, 404, 'No such API route.'));
  return api;
}
