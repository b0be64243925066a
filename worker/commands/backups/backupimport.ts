import { defineCommand } from '../../framework/command';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { backupAccess, backupStore } from './shared';

const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

export const backupimport = defineCommand({
  ...backupAccess,
  name: 'backupimport',
  description: 'Store an exported backup file as a new backup of this server',
  help: 'Accepts Edgeward exports and the previous framework’s snapshot files. The file is checked before anything is stored.',
  mutates: true,
  options: {
    file: option.attachment('The exported .json file', { required: true }),
    label: option.string('A label (default: from the file)', { maxLength: 100 }),
  },
  async run(ctx, { file, label }) {
    const guildId = ctx.guildId as string;
    if (file.size > MAX_IMPORT_BYTES)
      return reply.message(errorMessage('File too large', 'Backup files are at most 25 MB.'));
    const store = backupStore(ctx);
    const stored = await store.count(guildId, ['manual', 'import']);
    if (stored >= ctx.config.backups.maxPerGuild) {
      return reply.message(
        errorMessage(
          'Storage full',
          `This server has ${stored}/${ctx.config.backups.maxPerGuild} backups. Delete one first.`,
        ),
      );
    }
    if (!ctx.interaction)
      return reply.message(errorMessage('Slash only', 'Use /backupimport with the file attached.'));
    await ctx.env.BACKUP_QUEUE.send({
      kind: 'import',
      jobId: crypto.randomUUID(),
      guildId,
      authorId: ctx.user.id,
      fileUrl: file.url,
      ...(label ? { label } : {}),
      reply: ctx.interaction,
    });
    return reply.message({
      embeds: [toneEmbed('info', 'Importing…', `Checking \`${file.filename}\` before anything is stored.`)],
    });
  },
});
