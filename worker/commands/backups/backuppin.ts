import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { autocompleteBackups, backupAccess, backupIdOption, backupStore, findBackup } from './shared';

export const backuppin = defineCommand({
  ...backupAccess,
  name: 'backuppin',
  description: 'Pin or unpin a backup (pinned backups are never deleted)',
  mutates: true,
  options: { id: backupIdOption },
  autocomplete: autocompleteBackups,
  async run(ctx, { id }) {
    const found = await findBackup(ctx, ctx.guildId as string, id);
    if ('missing' in found) return found.missing;
    const pinned = !found.row.pinned;
    await backupStore(ctx).setPinned(found.row, pinned, ctx.user.id);
    return reply.message({
      embeds: [
        pinned
          ? toneEmbed(
              'success',
              'Backup pinned',
              `\`${found.row.id}\` is protected: nothing deletes it (not rotation, retention or /backupdelete) until it is unpinned.`,
            )
          : toneEmbed('info', 'Backup unpinned', `\`${found.row.id}\` can be deleted again.`),
      ],
    });
  },
});
