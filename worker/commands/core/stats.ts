import { type APIApplication, Routes } from 'discord-api-types/v10';
import { desc, eq, sql } from 'drizzle-orm';
import { commandStats } from '../../db/schema';
import { defineCommand } from '../../framework/command';
import type { CommandContext } from '../../framework/context';
import { colours, displayName } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { EDGEWARD_VERSION } from '../../version';

export async function applicationInfo(ctx: Pick<CommandContext, 'restNow'>) {
  const started = Date.now();
  try {
    const app = (await ctx.restNow().get(Routes.currentApplication())) as APIApplication;
    return { app, latencyMs: Date.now() - started };
  } catch {
    return { app: null, latencyMs: null };
  }
}

export const stats = defineCommand({
  name: 'stats',
  description: "The bot's statistics: usage, errors, top commands",
  category: 'Core',
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    const [totals, top, here, info] = await Promise.all([
      ctx.db
        .select({
          uses: sql<number>`coalesce(sum(${commandStats.uses}), 0)`,
          errors: sql<number>`coalesce(sum(${commandStats.errors}), 0)`,
        })
        .from(commandStats)
        .get(),
      ctx.db
        .select({ command: commandStats.command, uses: sql<number>`sum(${commandStats.uses})` })
        .from(commandStats)
        .groupBy(commandStats.command)
        .orderBy(desc(sql`sum(${commandStats.uses})`))
        .limit(5),
      ctx.guildId
        ? ctx.db
            .select({ uses: sql<number>`coalesce(sum(${commandStats.uses}), 0)` })
            .from(commandStats)
            .where(eq(commandStats.guildId, ctx.guildId))
            .get()
        : Promise.resolve(undefined),
      applicationInfo(ctx),
    ]);
    const usage = ctx.registry.slashUsage;
    const errorRate = totals && totals.uses > 0 ? ((totals.errors / totals.uses) * 100).toFixed(1) : '0.0';
    return reply.message({
      embeds: [
        {
          title: '📊 Bot statistics',
          color: colours.success,
          fields: [
            {
              name: '🌐 Servers',
              value: String(info.app?.approximate_guild_count ?? 'unknown'),
              inline: true,
            },
            { name: '📝 Commands run', value: String(totals?.uses ?? 0), inline: true },
            { name: '❌ Errors', value: `${totals?.errors ?? 0} (${errorRate}%)`, inline: true },
            ...(here ? [{ name: '🏠 Run in this server', value: String(here.uses), inline: true }] : []),
            { name: '📋 Slash commands', value: `${usage.used}/${usage.max}`, inline: true },
            {
              name: '📡 Discord API latency',
              value: info.latencyMs === null ? 'unreachable' : `${info.latencyMs} ms`,
              inline: true,
            },
            {
              name: '🔥 Top commands',
              value: top.length
                ? top.map((t, i) => `${i + 1}. \`${t.command}\` · ${t.uses}`).join('\n')
                : 'None yet',
            },
            {
              name: '⚙️ Framework',
              value: `Edgeward ${EDGEWARD_VERSION} on Cloudflare Workers · ${ctx.registry.commands.length} commands in ${ctx.registry.categories().length} modules`,
            },
          ],
          footer: { text: `Requested by ${displayName(ctx.user)}` },
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
