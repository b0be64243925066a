import type { Database } from '../db/client';
import { toneEmbed } from '../framework/embeds';
import type { ReplyMessage } from '../framework/reply';
import { assetKey } from './assets';
import { type BackupRow, BackupStore } from './backup-store';
import { assetRefs } from './export-format';
import { parseImportFile } from './import-file';

/**
 * Reads, checks and stores an uploaded backup file (in the queue consumer: files are up to 25 MB). A
 * retried job finds the backup it already stored.
 */
export async function importTask(
  deps: { db: Database; bucket: R2Bucket; onStored?: (row: BackupRow) => Promise<unknown> },
  input: { jobId: string; guildId: string; actorId: string; fileUrl: string; label?: string },
): Promise<ReplyMessage> {
  const { jobId, guildId, actorId, label } = input;
  const store = new BackupStore(deps.db, deps.bucket);
  const earlier = await store.byJob(jobId);
  if (earlier) return { embeds: [toneEmbed('success', 'Backup imported', `Stored as \`${earlier.id}\`.`)] };
  {
    const res = await fetch(input.fileUrl, { signal: AbortSignal.timeout(15_000) });
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
      if (!(await deps.bucket.head(assetKey(sha256))))
        await deps.bucket.put(assetKey(sha256), bytes, { sha256 });
    }
    const row = await store.save(snapshot, {
      guildId,
      label: (label ?? parsed.value.label ?? `Import of ${snapshot.guild.name}`).slice(0, 100),
      authorId: actorId,
      kind: 'import',
      jobId,
    });
    await deps.onStored?.(row);
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
  }
}
