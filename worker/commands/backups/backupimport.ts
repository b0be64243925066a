import { assetKey } from '../../backups/assets';
import { assetRefs } from '../../backups/export-format';
import { parseImportFile } from '../../backups/import-file';
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
    return reply.defer(async () => {
      const res = await fetch(file.url, { signal: AbortSignal.timeout(15_000) });
      if (!res.ok)
        return {
          embeds: [
            toneEmbed('error', 'Import failed', `The file could not be downloaded (HTTP ${res.status}).`),
          ],
        };
      const parsed = await parseImportFile(await res.text());
      if (!parsed.ok)
        return { embeds: [toneEmbed('error', 'Import refused', `${parsed.error}\nNothing was stored.`)] };
      const { snapshot, assets, source, expectedContentHash } = parsed.value;
      // Only the images the snapshot refers to are stored (an import cannot be used to park other bytes).
      const referenced = new Set(assetRefs(snapshot).map((a) => a.sha256));
      for (const [sha256, bytes] of assets) {
        if (!referenced.has(sha256)) continue;
        if (!(await ctx.env.BACKUPS.head(assetKey(sha256))))
          await ctx.env.BACKUPS.put(assetKey(sha256), bytes, { sha256 });
      }
      const row = await store.save(snapshot, {
        guildId,
        label: (label ?? parsed.value.label ?? `Import of ${snapshot.guild.name}`).slice(0, 100),
        authorId: ctx.user.id,
        kind: 'import',
      });
      const faithful = expectedContentHash === null ? null : expectedContentHash === row.contentHash;
      return {
        embeds: [
          toneEmbed(
            faithful === false ? 'warning' : 'success',
            'Backup imported',
            [
              `Stored as \`${row.id}\` (${source === 'edgeward' ? 'Edgeward export' : 'previous framework’s format, converted'}).`,
              snapshot.guild.id !== guildId
                ? `It was taken of another server (**${snapshot.guild.name}**).`
                : '',
              faithful === true
                ? `Content hash \`${row.contentHash.slice(0, 16)}…\` matches the export: identical to the original.`
                : '',
              faithful === false ? 'The content differs from what the exporter recorded.' : '',
              ...snapshot.warnings.slice(0, 3).map((w) => `⚠️ ${w}`),
            ]
              .filter(Boolean)
              .join('\n'),
          ),
        ],
      };
    });
  },
});
