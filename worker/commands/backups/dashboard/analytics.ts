import type { APIEmbed } from 'discord-api-types/v10';
import { type BackupRow, countsOf } from '../../../backups/backup-store';
import { formatBytes } from '../../../backups/format';
import { colours } from '../../../framework/embeds';

const DAY = 86_400_000;

export function analyticsEmbed(rows: BackupRow[]): APIEmbed {
  if (rows.length === 0)
    return { title: '📊 Backup analytics', color: colours.info, description: 'No backups yet.' };
  const by = (kind: string) => rows.filter((r) => r.kind === kind).length;
  const total = rows.reduce((n, r) => n + r.storedSize, 0);
  const creators = new Map<string, number>();
  for (const r of rows) creators.set(r.authorId, (creators.get(r.authorId) ?? 0) + 1);
  const top = [...creators.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const newest = rows[0] as BackupRow;
  const oldest = rows[rows.length - 1] as BackupRow;
  const span = Math.max(1, (newest.createdAt - oldest.createdAt) / DAY);
  const [n, o] = [countsOf(newest), countsOf(oldest)];
  const delta = (a: number, b: number) => (a - b > 0 ? `+${a - b}` : String(a - b));
  return {
    title: '📊 Backup analytics',
    color: colours.info,
    fields: [
      {
        name: 'Backups',
        value: `${rows.length} total · ${by('manual')} manual · ${by('auto')} automatic · ${by('import')} imported · ${rows.filter((r) => r.pinned).length} pinned`,
      },
      {
        name: 'Storage',
        value: `${formatBytes(total)} · ${formatBytes(Math.round(total / rows.length))} average`,
        inline: true,
      },
      { name: 'Frequency', value: `${(rows.length / span).toFixed(2)} per day`, inline: true },
      {
        name: 'Trend (oldest → newest)',
        value:
          rows.length < 2
            ? 'Needs two backups.'
            : `roles ${delta(n.roles, o.roles)} · channels ${delta(n.channels, o.channels)} · members ${delta(n.members, o.members)}`,
      },
      {
        name: 'Top creators',
        value: top.map(([id, count], i) => `${i + 1}. <@${id}> · ${count}`).join('\n'),
      },
    ],
    timestamp: new Date().toISOString(),
  };
}
