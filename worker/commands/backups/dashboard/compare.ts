import type { APIEmbed } from 'discord-api-types/v10';
import { type BackupRow, BackupStore } from '../../../backups/backup-store';
import { diffStructure, type ItemChange, summarise } from '../../../backups/diff';
import { readLiveStructure } from '../../../backups/live-structure';
import type { Services } from '../../../framework/context';
import { colours, relativeTime } from '../../../framework/embeds';

export const COMPARE_PAGE_SIZE = 6;
const icon = { added: '🟢', removed: '🔴', changed: '🟡' } as const;

function describe(change: ItemChange): { name: string; value: string } {
  const label = `${icon[change.change]} ${change.kind} ${change.name}`.slice(0, 256);
  const verb =
    change.change === 'added'
      ? 'not in the backup (new since)'
      : change.change === 'removed'
        ? 'in the backup, gone now'
        : '';
  const fields = change.fields
    .slice(0, 6)
    .map((f) => `• ${f.field}: ${f.before.slice(0, 60)} → ${f.after.slice(0, 80)}`)
    .join('\n');
  return { name: label, value: (verb || fields || 'changed').slice(0, 1024) };
}

/** Live server against the newest backup, by id and field. */
export async function compareEmbed(services: Services, guildId: string, rows: BackupRow[], page: number) {
  const latest = rows[0];
  if (!latest)
    return {
      embed: {
        title: '🔍 Compare',
        color: colours.info,
        description: 'No backup to compare with yet.',
      } as APIEmbed,
      pages: 1,
    };
  const [{ snapshot }, live] = await Promise.all([
    new BackupStore(services.db, services.env.BACKUPS).load(latest),
    readLiveStructure(services.rest(), guildId).catch(() => null),
  ]);
  if (!snapshot || !live) {
    return {
      embed: {
        title: '🔍 Compare',
        color: colours.error,
        description: !snapshot
          ? 'The latest backup cannot be read: run `/backupverify`.'
          : 'Discord could not be reached.',
      } as APIEmbed,
      pages: 1,
    };
  }
  const changes = diffStructure(snapshot, live, { images: false });
  const s = summarise(changes);
  const pages = Math.max(1, Math.ceil(changes.length / COMPARE_PAGE_SIZE));
  const at = Math.min(page, pages);
  const level =
    s.total === 0
      ? '🟢 In sync'
      : s.total < 10
        ? '🟡 Some drift'
        : '🔴 Significant drift: consider a new backup';
  return {
    embed: {
      title: '🔍 Compare: server now vs latest backup',
      color: s.total === 0 ? colours.success : s.total < 10 ? colours.warning : colours.error,
      description: `Backup \`${latest.id}\` (${relativeTime(latest.createdAt)}) · **${s.changed}** changed · **${s.added}** new · **${s.removed}** gone · ${level}${pages > 1 ? ` · page ${at}/${pages}` : ''}`,
      fields: changes.slice((at - 1) * COMPARE_PAGE_SIZE, at * COMPARE_PAGE_SIZE).map(describe),
      timestamp: new Date().toISOString(),
    } as APIEmbed,
    pages,
  };
}
