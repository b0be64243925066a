import { ChannelType } from 'discord-api-types/v10';
import { disableSchedule, enableSchedule, getSchedule } from '../../backups/schedule-store';
import { defineCommand } from '../../framework/command';
import { relativeTime, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { backupAccess } from './shared';

export const backupschedule = defineCommand({
  ...backupAccess,
  name: 'backupschedule',
  description: 'Automatic backups: enable, disable or show the schedule',
  help: 'Automatic backups rotate: the newest ones are kept (BACKUP_AUTO_KEEP) and they never stop because storage is full.',
  mutates: true,
  options: {
    action: option.string('What to do', {
      required: true,
      choices: [
        { name: 'enable', value: 'enable' },
        { name: 'disable', value: 'disable' },
        { name: 'status', value: 'status' },
      ],
    }),
    interval_hours: option.integer('Hours between backups (1 to 168, default 24)', {
      minValue: 1,
      maxValue: 168,
    }),
    alert_channel: option.channel('Where to report failed automatic backups', {
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
  },
  async run(ctx, { action, interval_hours, alert_channel }) {
    const guildId = ctx.guildId as string;
    if (action === 'enable') {
      const row = await enableSchedule(ctx.db, {
        guildId,
        intervalHours: interval_hours ?? 24,
        actorId: ctx.user.id,
        ...(alert_channel ? { alertChannelId: alert_channel.id } : {}),
      });
      return reply.message({
        embeds: [
          toneEmbed(
            'success',
            'Automatic backups enabled',
            `Every **${row.intervalHours} h**; the next one ${relativeTime(row.nextRunAt)}. The newest ${ctx.config.backups.autoKeep} automatic backups are kept.${row.alertChannelId ? `\nFailures are reported in <#${row.alertChannelId}>.` : ''}`,
            { requestedBy: ctx.user },
          ),
        ],
      });
    }
    if (action === 'disable') {
      const done = await disableSchedule(ctx.db, guildId, ctx.user.id);
      return reply.message({
        embeds: [
          done
            ? toneEmbed('success', 'Automatic backups disabled', 'Existing backups are kept.', {
                requestedBy: ctx.user,
              })
            : toneEmbed('info', 'Not enabled', 'Automatic backups were not enabled here.'),
        ],
        ephemeral: !done,
      });
    }
    const row = await getSchedule(ctx.db, guildId);
    const embed = toneEmbed('info', 'Automatic backups', undefined, { requestedBy: ctx.user });
    embed.fields = row
      ? [
          { name: 'Status', value: row.enabled ? '🟢 Enabled' : '⚪ Disabled', inline: true },
          { name: 'Interval', value: `${row.intervalHours} h`, inline: true },
          { name: 'Next', value: row.enabled ? relativeTime(row.nextRunAt) : '—', inline: true },
          { name: 'Last', value: row.lastRunAt ? relativeTime(row.lastRunAt) : 'Never', inline: true },
          { name: 'Alerts', value: row.alertChannelId ? `<#${row.alertChannelId}>` : 'Off', inline: true },
          ...(row.lastError ? [{ name: '⚠️ Last failure', value: row.lastError }] : []),
        ]
      : [{ name: 'Status', value: '⚪ Never enabled. Use `/backupschedule action:enable`.' }];
    return reply.message({ embeds: [embed] });
  },
});
