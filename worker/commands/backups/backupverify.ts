import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { auditInsert } from '../../settings/audit';
import { autocompleteBackups, backupAccess, backupIdOption, backupStore, findBackup } from './shared';

export const backupverify = defineCommand({
  ...backupAccess,
  name: 'backupverify',
  description: "Check a backup's integrity: stored bytes, checksum and schema",
  options: { id: backupIdOption },
  autocomplete: autocompleteBackups,
  async run(ctx, { id }) {
    const guildId = ctx.guildId as string;
    const found = await findBackup(ctx, guildId, id);
    if ('missing' in found) return found.missing;
    const row = found.row;
    return reply.defer(async () => {
      const { verify } = await backupStore(ctx).load(row);
      await ctx.db.batch([
        auditInsert(ctx.db, {
          guildId,
          actorId: ctx.user.id,
          action: 'backup.verify',
          details: { backupId: row.id, ok: verify.ok, problems: verify.problems },
        }),
      ]);
      return {
        embeds: [
          verify.ok
            ? toneEmbed(
                'success',
                'Integrity verified',
                `\`${row.id}\`: the stored bytes match SHA-256 \`${row.checksum}\` and the snapshot is valid (v${row.schemaVersion}).`,
              )
            : toneEmbed(
                'error',
                'Integrity check failed',
                `\`${row.id}\`:\n${verify.problems.map((p) => `• ${p}`).join('\n')}`,
              ),
        ],
      };
    });
  },
});
