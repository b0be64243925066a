import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { autocompleteBackups, backupAccess, backupIdOption, backupStore, findBackup } from './shared';

export const backupnote = defineCommand({
  ...backupAccess,
  name: 'backupnote',
  description: "Set a backup's note (up to 500 characters; leave the text out to clear it)",
  mutates: true,
  options: {
    id: backupIdOption,
    text: option.string('The note (leave out to clear it)', { maxLength: 500, rest: true }),
  },
  autocomplete: autocompleteBackups,
  async run(ctx, { id, text }) {
    const found = await findBackup(ctx, ctx.guildId as string, id);
    if ('missing' in found) return found.missing;
    const note = text?.trim() ?? '';
    await backupStore(ctx).setNote(found.row, note, ctx.user.id);
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          note ? 'Note saved' : 'Note cleared',
          note ? `> ${note}` : `The note of \`${found.row.id}\` was cleared.`,
        ),
      ],
    });
  },
});
