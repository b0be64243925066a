import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { buildExport } from '../../backups/export-format';
import { signExportLink } from '../../backups/export-link';
import { formatBytes } from '../../backups/format';
import { defineCommand } from '../../framework/command';
import { errorMessage, relativeTime, toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { auditInsert } from '../../settings/audit';
import { autocompleteBackups, backupAccess, backupIdOption, backupStore, findBackup } from './shared';

/** Discord's default upload limit for bots (10 MiB), with room for the multipart envelope. */
const ATTACH_LIMIT = 9.5 * 1024 * 1024;

export const backupexport = defineCommand({
  ...backupAccess,
  name: 'backupexport',
  description: 'Download a backup as a JSON file (bot owners, or Administrators if allowed)',
  help: 'Attached when small enough, otherwise a download link valid for 15 minutes. Only you see it.',
  /** Slash only: a prefix reply would be public, and an export describes the whole server. */
  prefix: false,
  options: { id: backupIdOption },
  autocomplete: autocompleteBackups,
  async run(ctx, { id }) {
    const guildId = ctx.guildId as string;
    if (!ctx.isBotOwner && !ctx.config.backups.exportAllowAdmins) {
      return reply.message(
        errorMessage(
          'Bot owners only',
          'Exports contain the whole server. The bot owner can allow Administrators with BACKUP_EXPORT_ALLOW_ADMINS=true.',
        ),
      );
    }
    const found = await findBackup(ctx, guildId, id);
    if ('missing' in found) return found.missing;
    const row = found.row;
    return reply.defer(
      async () => {
        const built = await buildExport(backupStore(ctx), ctx.env.BACKUPS, row);
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
      },
      { ephemeral: true },
    );
  },
});
