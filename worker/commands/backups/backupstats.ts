import { sql } from 'drizzle-orm';
import { formatBytes } from '../../backups/format';
import { backupSchedules, backups } from '../../db/schema';
import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';

export const backupstats = defineCommand({
  name: 'backupstats',
  description: 'Backup totals across every server (bot owners)',
  category: 'Owner',
  ownerOnly: true,
  async run(ctx) {
    const [totals, schedules] = await Promise.all([
      ctx.db
        .select({
          backups: sql<number>`count(*)`,
          guilds: sql<number>`count(distinct ${backups.guildId})`,
          pinned: sql<number>`coalesce(sum(${backups.pinned}), 0)`,
          auto: sql<number>`coalesce(sum(${backups.kind} = 'auto'), 0)`,
          imported: sql<number>`coalesce(sum(${backups.kind} = 'import'), 0)`,
          stored: sql<number>`coalesce(sum(${backups.storedSize}), 0)`,
          raw: sql<number>`coalesce(sum(${backups.rawSize}), 0)`,
        })
        .from(backups)
        .get(),
      ctx.db
        .select({ enabled: sql<number>`coalesce(sum(${backupSchedules.enabled}), 0)` })
        .from(backupSchedules)
        .get(),
    ]);
    const t = totals ?? { backups: 0, guilds: 0, pinned: 0, auto: 0, imported: 0, stored: 0, raw: 0 };
    const limits = ctx.config.backups;
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: '📊 Backups across all servers',
          color: colours.info,
          fields: [
            { name: 'Backups', value: `${t.backups} in ${t.guilds} servers`, inline: true },
            { name: 'Pinned', value: String(t.pinned), inline: true },
            { name: 'Automatic / imported', value: `${t.auto} / ${t.imported}`, inline: true },
            {
              name: 'Storage',
              value: `${formatBytes(t.stored)} stored (${formatBytes(t.raw)} raw)`,
              inline: true,
            },
            { name: 'Schedules enabled', value: String(schedules?.enabled ?? 0), inline: true },
            {
              name: 'Configuration',
              value: `max ${limits.maxPerGuild} per server · cooldown ${limits.cooldownSeconds} s · keep ${limits.autoKeep} automatic · retention ${limits.retentionDays ? `${limits.retentionDays} days` : 'off'} · exports by ${limits.exportAllowAdmins ? 'Administrators and owners' : 'owners only'}`,
            },
          ],
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
