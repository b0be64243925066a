import type { APIEmbed } from 'discord-api-types/v10';
import { backupCooldownUntil } from '../../../backups/backup-cooldown';
import { type BackupRow, countsOf } from '../../../backups/backup-store';
import { formatBytes, storageBar } from '../../../backups/format';
import { readLiveStructure } from '../../../backups/live-structure';
import { getSchedule } from '../../../backups/schedule-store';
import type { Services } from '../../../framework/context';
import { colours, relativeTime } from '../../../framework/embeds';

export async function overviewEmbed(
  services: Services,
  guildId: string,
  rows: BackupRow[],
): Promise<APIEmbed> {
  const limits = services.config.backups;
  const [until, schedule, live] = await Promise.all([
    backupCooldownUntil(services.env.DB, guildId),
    getSchedule(services.db, guildId),
    readLiveStructure(services.restNow(), guildId).catch(() => null),
  ]);
  const counted = rows.filter((r) => r.kind === 'manual' || r.kind === 'import').length;
  const latest = rows[0];
  const c = latest ? countsOf(latest) : null;
  return {
    title: '💾 Backup dashboard',
    color: colours.info,
    fields: [
      {
        name: 'Storage',
        value: `\`${storageBar(counted, limits.maxPerGuild)}\` ${counted}/${limits.maxPerGuild} · ${rows.filter((r) => r.kind === 'auto').length} automatic · ${rows.filter((r) => r.pinned).length} pinned · ${formatBytes(rows.reduce((n, r) => n + r.storedSize, 0))}`,
      },
      {
        name: 'Latest backup',
        value: latest
          ? `${latest.pinned ? '📌 ' : ''}\`${latest.id}\` ${latest.label.slice(0, 40)} · ${relativeTime(latest.createdAt)}\n${c?.roles} roles · ${c?.channels} channels · ${c?.members} members`
          : 'None yet: `/backupcreate`',
      },
      {
        name: 'Server now',
        value: live
          ? `${live.roles.length - 1} roles · ${live.channels.filter((ch) => ch.type === 4).length} categories · ${live.channels.filter((ch) => ch.type !== 4).length} channels · ${live.emojis.length} emojis · ${live.stickers.length} stickers`
          : 'Discord could not be reached.',
      },
      {
        name: 'Automatic backups',
        value: schedule?.enabled
          ? `Every ${schedule.intervalHours} h · next ${relativeTime(schedule.nextRunAt)}${schedule.lastError ? ` · ⚠️ last failed` : ''}`
          : 'Off (`/backupschedule action:enable`)',
        inline: true,
      },
      { name: 'Next manual backup', value: until ? relativeTime(until) : 'Now', inline: true },
    ],
    footer: { text: `Server ${guildId}` },
    timestamp: new Date().toISOString(),
  };
}
