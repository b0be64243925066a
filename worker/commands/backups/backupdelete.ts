import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { contentsLine } from '../../backups/backup-messages';
import type { BackupRow } from '../../backups/backup-store';
import { defineCommand, defineComponent } from '../../framework/command';
import type { Invoker } from '../../framework/context';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { type ReplyMessage, reply } from '../../framework/reply';
import {
  autocompleteBackups,
  backupAccess,
  backupIdOption,
  backupStore,
  findBackup,
  shortDate,
} from './shared';

const CONFIRM_TTL_SECONDS = 60;

export const backupDeleteConfirm = defineComponent({
  pattern: 'backup.del/:id',
  ttlSeconds: CONFIRM_TTL_SECONDS,
  mutates: true,
  async run(ctx, { id }) {
    const found = await findBackup(ctx, ctx.guildId as string, id);
    if ('missing' in found)
      return reply.update({
        embeds: [toneEmbed('info', 'Already gone', `Backup \`${id}\` no longer exists.`)],
        components: [],
      });
    const deleted = await backupStore(ctx).delete(found.row, ctx.user.id);
    return reply.update({
      embeds: [
        deleted
          ? toneEmbed('success', 'Backup deleted', `\`${id}\` (${found.row.label}) was deleted.`)
          : toneEmbed('warning', 'Pinned', `\`${id}\` was pinned in the meantime; it was not deleted.`),
      ],
      components: [],
    });
  },
});

export const backupDeleteCancel = defineComponent({
  pattern: 'backup.delcancel',
  ttlSeconds: CONFIRM_TTL_SECONDS,
  run: () =>
    reply.update({ embeds: [toneEmbed('info', 'Cancelled', 'Nothing was deleted.')], components: [] }),
});

/** "Delete this backup?" with Delete and Cancel buttons (60 s, for the invoker only). */
export function deleteConfirmation(invoker: Invoker, r: BackupRow): ReplyMessage {
  return {
    embeds: [
      toneEmbed(
        'warning',
        'Delete this backup?',
        `**${r.label}** (\`${r.id}\`), created ${shortDate(r.createdAt)}\n${contentsLine(r)}\n\nThis cannot be undone. The buttons expire in ${CONFIRM_TTL_SECONDS} seconds.`,
      ),
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: '🗑️ Delete',
            custom_id: backupDeleteConfirm.id(invoker, { id: r.id }),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Cancel',
            custom_id: backupDeleteCancel.id(invoker, {}),
          },
        ],
      },
    ],
  };
}

export const backupdelete = defineCommand({
  ...backupAccess,
  name: 'backupdelete',
  description: 'Delete a backup (asks for confirmation; pinned backups are refused)',
  options: { id: backupIdOption },
  autocomplete: autocompleteBackups,
  async run(ctx, { id }) {
    const found = await findBackup(ctx, ctx.guildId as string, id);
    if ('missing' in found) return found.missing;
    const r = found.row;
    if (r.pinned) {
      return reply.message(
        errorMessage(
          'Pinned backup',
          `\`${r.id}\` is pinned. Unpin it first with \`/backuppin id:${r.id}\`.`,
        ),
      );
    }
    return reply.message(deleteConfirmation(ctx, r));
  },
});
