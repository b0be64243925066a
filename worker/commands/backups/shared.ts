import { type BackupRow, BackupStore } from '../../backups/backup-store';
import type { PermissionName } from '../../framework/command';
import type { AutocompleteContext, Services } from '../../framework/context';
import { errorMessage } from '../../framework/embeds';
import { option } from '../../framework/options';
import { type Reply, reply } from '../../framework/reply';

/** Backup commands: in a server, for its Administrators (and the bot owners). */
export const backupAccess = {
  category: 'Backups',
  guildOnly: true,
  permissions: ['Administrator'] as PermissionName[],
};

export const backupIdOption = option.string('The backup id (start typing to pick one)', {
  required: true,
  autocomplete: true,
  maxLength: 32,
});

export function backupStore(services: Services): BackupStore {
  return new BackupStore(services.db, services.env.BACKUPS);
}

export const shortDate = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;

/** Backup ids of this guild only, matching what was typed (id or label). */
export async function autocompleteBackups(ctx: AutocompleteContext): Promise<Reply> {
  if (!ctx.guildId) return reply.autocomplete([]);
  const typed = ctx.focused.value.toLowerCase();
  const rows = await backupStore(ctx).list(ctx.guildId);
  return reply.autocomplete(
    rows
      .filter((r) => r.id.startsWith(typed) || r.label.toLowerCase().includes(typed))
      .map((r) => ({
        name: `${r.pinned ? '📌 ' : ''}${r.id} · ${r.label} · ${new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' ')}`.slice(
          0,
          100,
        ),
        value: r.id,
      })),
  );
}

/** The backup with this id in the invoking guild, or the reply to give when there is none. */
export async function findBackup(
  services: Services,
  guildId: string,
  id: string,
): Promise<{ row: BackupRow } | { missing: Reply }> {
  const row = await backupStore(services).get(guildId, id.trim().toLowerCase());
  if (row) return { row };
  return {
    missing: reply.message(
      errorMessage(
        'Backup not found',
        `This server has no backup \`${id}\`. \`/backuplist\` shows its backups.`,
      ),
    ),
  };
}
