import { desc, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { commandStats } from '../db/schema';
import { coordinatorOf } from '../gateway/coordinator-client';
import { shardHealth } from '../gateway/shard-health';
import { latencyStats } from '../gateway/shard-metrics';
import { apiError, type DashboardEnv } from './context';
import { GrantStore, grantRoleSchema } from './grants';
import { botGuilds } from './guild-directory';
import { guildAccess, requireBotOwner, requireCsrf } from './middleware';
import { healthQuery, ownerHealth } from './owner-health';
import { readJson } from './read-json';

const grantBody = z
  .object({ userId: z.string().regex(/^\d{17,20}$/, 'must be a Discord user id'), role: grantRoleSchema })
  .strict();

/**
 * The bot owner's views: an overview of the whole deployment, its health (tier, error rate, latency and their
 * history), and who else may use each server's pages.
 */
export const ownerRoutes = new Hono<DashboardEnv>()
  .use(requireBotOwner)
  .get('/overview', async (c) => {
    const services = c.get('services');
    const config = c.get('config');
    const coordinator = coordinatorOf(c.env);
    const [guilds, totals, top, reports, alerts] = await Promise.all([
      botGuilds(services.rest()),
      services.db
        .select({
          uses: sql<number>`coalesce(sum(${commandStats.uses}), 0)`,
          errors: sql<number>`coalesce(sum(${commandStats.errors}), 0)`,
        })
        .from(commandStats)
        .get(),
      services.db
        .select({
          name: commandStats.command,
          uses: sql<number>`sum(${commandStats.uses})`,
          errors: sql<number>`sum(${commandStats.errors})`,
        })
        .from(commandStats)
        .groupBy(commandStats.command)
        .orderBy(desc(sql`sum(${commandStats.uses})`))
        .limit(10),
      coordinator.reports().catch(() => []),
      coordinator.alertConfig().catch(() => ({ channelId: null, threshold: config.gateway.alertThreshold })),
    ]);
    const now = Date.now();
    return c.json({
      guilds: guilds.length,
      servers: guilds
        .map((g) => ({ id: g.id, name: g.name }))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, 200),
      commands: { total: totals?.uses ?? 0, errors: totals?.errors ?? 0, top },
      slash: {
        used: services.registry.slashUsage.used,
        limit: 100,
        safe: config.slashSafeLimit,
        warning: config.slashWarningLimit,
      },
      shards: reports.map((r) => {
        const health = shardHealth(r.metrics, alerts.threshold, now);
        return {
          id: r.metrics.shardId,
          state: r.metrics.state,
          latencyMs: latencyStats(r.metrics).current,
          latencies: r.metrics.latencies.slice(-30),
          guilds: r.metrics.guilds,
          healthy: health.level === 'healthy',
          reason: health.reason,
        };
      }),
      config: [
        { name: 'DISCORD_CLIENT_SECRET', ok: !!config.dashboard.clientSecret, message: 'dashboard logins' },
        { name: 'BOT_OWNER_ID', ok: config.ownerIds.length > 0, message: 'owner commands and views' },
        {
          name: 'GATEWAY_ENABLED',
          ok: config.gateway.enabled,
          message: config.gateway.enabled ? 'prefix and @mention commands on' : 'slash commands only',
        },
        {
          name: 'GATEWAY_MESSAGE_CONTENT',
          ok: config.gateway.messageContent,
          message: config.gateway.messageContent
            ? 'prefix commands can read messages'
            : 'only @mention commands work',
        },
        {
          name: 'EXPORT_SIGNING_SECRET',
          ok: c.env.EXPORT_SIGNING_SECRET !== undefined,
          message: 'export links (derived from the token when unset)',
        },
      ],
    });
  })
  .get('/health', async (c) => {
    const query = healthQuery.safeParse(c.req.query());
    if (!query.success) {
      const fields: Record<string, string> = {};
      for (const issue of query.error.issues) fields[String(issue.path[0] ?? 'query')] ??= issue.message;
      return apiError(c, 400, 'Check the highlighted fields.', { fields });
    }
    return c.json(await ownerHealth(c.env, c.get('config'), c.get('services').db, query.data));
  });

/** `/api/guilds/:guildId/grants` (bot owners). */
export const grantRoutes = new Hono<DashboardEnv>()
  .get('/:guildId/grants', requireBotOwner, guildAccess('view'), async (c) =>
    c.json(await new GrantStore(c.get('services').db).forGuild(c.get('guild').id)),
  )
  .put('/:guildId/grants', requireBotOwner, requireCsrf, guildAccess('view'), async (c) => {
    const parsed = await readJson(c, grantBody);
    if (!parsed.ok) return parsed.response;
    const grants = new GrantStore(c.get('services').db);
    const guildId = c.get('guild').id;
    await grants.set(guildId, parsed.value.userId, parsed.value.role, c.get('session').userId);
    return c.json(await grants.forGuild(guildId));
  })
  .delete('/:guildId/grants/:userId', requireBotOwner, requireCsrf, guildAccess('view'), async (c) => {
    await new GrantStore(c.get('services').db).remove(
      c.get('guild').id,
      c.req.param('userId'),
      c.get('session').userId,
    );
    return c.body(null, 204);
  });
