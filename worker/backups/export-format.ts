import { z } from 'zod';
import { assetKey } from './assets';
import type { BackupRow, BackupStore } from './backup-store';
import { canonicalJson, sha256Hex } from './canonical-json';
import { type Snapshot, snapshotSchema } from './snapshot-schema';

export const EXPORT_FORMAT = 'edgeward.export';

/** An export: the snapshot, what the index knew, and every image it references, so it stands alone. */
export const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  backup: z.object({
    id: z.string(),
    guildId: z.string(),
    label: z.string().max(100),
    createdAt: z.number().int(),
    kind: z.string(),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    note: z.string().max(500),
  }),
  snapshot: snapshotSchema,
  /** sha256 → base64 bytes */
  assets: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string()),
});
export type ExportFile = z.infer<typeof exportSchema>;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function assetRefs(snapshot: Snapshot) {
  const g = snapshot.guild;
  return [
    g.icon,
    g.banner,
    g.splash,
    g.discoverySplash,
    ...snapshot.roles.map((r) => r.icon),
    ...snapshot.emojis.map((e) => e.image),
    ...snapshot.stickers.map((s) => s.image),
  ].filter((a): a is NonNullable<typeof a> => a !== null);
}

/** Builds the export JSON of a stored backup (the snapshot must verify first). */
export async function buildExport(
  store: BackupStore,
  bucket: R2Bucket,
  row: BackupRow,
): Promise<{ json: string } | { problems: string[] }> {
  const { snapshot, verify } = await store.load(row);
  if (!snapshot) return { problems: verify.problems };
  const assets: Record<string, string> = {};
  for (const ref of assetRefs(snapshot)) {
    if (assets[ref.sha256]) continue;
    const object = await bucket.get(assetKey(ref.sha256));
    if (object) assets[ref.sha256] = toBase64(new Uint8Array(await object.arrayBuffer()));
  }
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    backup: {
      id: row.id,
      guildId: row.guildId,
      label: row.label,
      createdAt: row.createdAt,
      kind: row.kind,
      contentHash: row.contentHash,
      note: row.note,
    },
    snapshot,
    assets,
  };
  return { json: canonicalJson(file) };
}

/** Checks that every image an import brings is what its name says (its SHA-256). */
export async function verifiedAssets(
  assets: Record<string, string>,
): Promise<Map<string, Uint8Array<ArrayBuffer>> | string> {
  const out = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const [sha, base64] of Object.entries(assets)) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = fromBase64(base64);
    } catch {
      return `image ${sha.slice(0, 12)}… is not valid base64`;
    }
    if ((await sha256Hex(bytes)) !== sha) return `image ${sha.slice(0, 12)}… does not match its SHA-256`;
    out.set(sha, bytes);
  }
  return out;
}
