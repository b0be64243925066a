import { exportSchema, verifiedAssets } from './export-format';
import { convertSeed, quoteLargeIntegers, seedSchema } from './seed-import';
import { type Snapshot, snapshotSchema } from './snapshot-schema';

export interface ParsedImport {
  snapshot: Snapshot;
  assets: Map<string, Uint8Array<ArrayBuffer>>;
  source: 'edgeward' | 'previous-framework';
  label: string | null;
  /** The content hash the exporter recorded (our format), to confirm a faithful round trip. */
  expectedContentHash: string | null;
}

/** Reads an uploaded backup file: our export, or the previous framework's snapshot. Never throws. */
export async function parseImportFile(
  text: string,
): Promise<{ ok: true; value: ParsedImport } | { ok: false; error: string }> {
  let json: unknown;
  try {
    // Our exports keep ids as strings: parse them as they are. Only the old format needs its integers quoted.
    json = JSON.parse(text);
    if (!(json && typeof json === 'object' && (json as { format?: unknown }).format === 'edgeward.export')) {
      json = JSON.parse(quoteLargeIntegers(text));
    }
  } catch {
    return { ok: false, error: 'The file is not JSON.' };
  }
  const ours = exportSchema.safeParse(json);
  if (ours.success) {
    const assets = await verifiedAssets(ours.data.assets);
    if (typeof assets === 'string') return { ok: false, error: `The file is damaged: ${assets}.` };
    return {
      ok: true,
      value: {
        snapshot: ours.data.snapshot,
        assets,
        source: 'edgeward',
        label: ours.data.backup.label,
        expectedContentHash: ours.data.backup.contentHash,
      },
    };
  }
  const seed = seedSchema.safeParse(json);
  if (seed.success) {
    const { snapshot, assets } = await convertSeed(seed.data);
    const valid = snapshotSchema.safeParse(snapshot);
    if (!valid.success) {
      const issue = valid.error.issues[0];
      return {
        ok: false,
        error: `The file converts to an invalid backup (${issue?.path.join('.')}: ${issue?.message}).`,
      };
    }
    return {
      ok: true,
      value: {
        snapshot: valid.data,
        assets,
        source: 'previous-framework',
        label: null,
        expectedContentHash: null,
      },
    };
  }
  const issue = ours.error.issues[0];
  const hint =
    typeof json === 'object' && json && 'format' in json
      ? `${issue?.path.join('.')}: ${issue?.message}`
      : 'it is neither an Edgeward export nor a supported snapshot';
  return { ok: false, error: `The file is not a backup this bot can import (${hint}).` };
}
