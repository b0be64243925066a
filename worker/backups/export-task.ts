import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { relativeTime, toneEmbed } from '../framework/embeds';
import type { ReplyMessage } from '../framework/reply';
import { auditInsert } from '../settings/audit';
import type { BackupRow } from './backup-store';
import { BackupStore } from './backup-store';
import { buildExport } from './export-format';
import { signExportLink } from './export-link';
import { formatBytes } from './format';

/** Discord's default upload limit for bots (10 MiB), with room for the multipart envelope. */
const ATTACH_LIMIT = 9.5 * 1024 * 1024;

/**
 * Builds an export (in the queue consumer: a large server's export is tens of MB) and the message that
 * carries it: attached when it fits, otherwise a signed link.
 */
export async function exportTask(
  deps: { db: Database; bucket: R2Bucket; config: Config; origin: string },
  row: BackupRow,
  actorId: string,
): Promise<ReplyMessage> {
  const guildId = row.guildId;
  const ctx = { db: deps.db, origin: deps.origin, config: deps.config, user: { id: actorId } };

  const built = await buildExport(new BackupStore(deps.db, deps.bucket), deps.bucket, row);
  if ('problems' in built) {
    return {
      embeds: [
        toneEmbed(
          'error',
          'Export refused',
          `\`${row.id}\` failed verification:\n${built.problems.join('\n')}`,
        ),
      ],
    };
  }
  const data = new TextEncoder().encode(built.json);
  const link =
    data.byteLength > ATTACH_LIMIT
      ? await signExportLink(ctx.origin, ctx.config.exportSigningSecret, guildId, row.id)
      : null;
  await ctx.db.batch([
    auditInsert(ctx.db, {
      guildId,
      actorId: ctx.user.id,
      action: 'backup.export',
      details: { backupId: row.id, size: data.byteLength, via: link ? 'link' : 'attachment' },
    }),
  ]);
  const embed = toneEmbed(
    'success',
    'Backup exported',
    `\`${row.id}\` · ${row.label} · ${formatBytes(data.byteLength)}\nKeep this file private: it describes the whole server. \`/backupimport\` restores it as a backup here or elsewhere.${link ? `\n\nToo large to attach: the link below works until ${relativeTime(link.expiresAtMs)}.` : ''}`,
  );
  if (link) {
    return {
      embeds: [embed],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'Download', url: link.url },
          ],
        },
      ],
    };
  }
  return {
    embeds: [embed],
    files: [{ name: `backup-${guildId}-${row.id}.json`, data, contentType: 'application/json' }],
  };
}
