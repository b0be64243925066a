import { defineCommand } from '../../framework/command';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { autocompleteBackups, backupAccess, backupIdOption, findBackup } from './shared';

/** Discord's default upload limit for bots (10 MiB), with room for the multipart envelope. */
const _ATTACH_LIMIT = 9.5 * 1024 * 1024;

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
    if (!ctx.interaction) return reply.message(errorMessage('Slash only', 'Use /backupexport.'));
    await ctx.env.BACKUP_QUEUE.send({
      kind: 'export',
      jobId: crypto.randomUUID(),
      guildId,
      authorId: ctx.user.id,
      backupId: row.id,
      origin: ctx.origin,
      reply: ctx.interaction,
    });
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'info',
          'Preparing the export…',
          `\`${row.id}\` is being packed with its images; this message will carry the file.`,
        ),
      ],
    });
  },
});
