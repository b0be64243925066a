import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { backups } from '../db/schema';
import { auditInsert } from '../settings/audit';
import { newBackupId } from './backup-id';
import { canonicalJson, gunzip, gzip, sha256Hex } from './canonical-json';
import { countSnapshot, type SnapshotCounts } from './counts';
import { type Snapshot, snapshotSchema } from './snapshot-schema';

export type BackupRow = typeof backups.$inferSelect;
export type BackupKind = 'manual' | 'auto' | 'import' | 'safety';

export function countsOf(row: BackupRow): SnapshotCounts {
  return JSON.parse(row.counts) as SnapshotCounts;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
}

/** Encodes a snapshot exactly as it is stored: canonical JSON, gzip, and both hashes. */
export async function encodeSnapshot(snapshot: Snapshot) {
  const raw = new Uint8Array(new TextEncoder().encode(canonicalJson(snapshot)));
  const stored = await gzip(raw);
  const [checksum, contentHash] = await Promise.all([sha256Hex(stored), sha256Hex(raw)]);
  return { raw, stored, checksum, contentHash };
}

/**
 * Backups: snapshot objects in R2 and their index rows in D1. The object is written (and verified by R2
 * against its SHA-256) before the row, and removed again if the row cannot be written, so there is never
 * a row without its object; an object left without a row by a crash is found by `orphans()`. Every read
 * is scoped to a guild: no guild can reach another's backups.
 */
export class BackupStore {
  constructor(
    private readonly db: Database,
    private readonly bucket: R2Bucket,
  ) {}

  static objectKey(guildId: string, backupId: string) {
    return `snapshots/${guildId}/${backupId}.json.gz`;
  }

  async save(
    snapshot: Snapshot,
    meta: { guildId: string; label: string; authorId: string; kind: BackupKind; jobId?: string },
  ): Promise<BackupRow> {
    const id = newBackupId();
    const encoded = await encodeSnapshot(snapshot);
    const objectKey = BackupStore.objectKey(meta.guildId, id);
    await this.bucket.put(objectKey, encoded.stored, {
      sha256: encoded.checksum,
      httpMetadata: { contentType: 'application/json', contentEncoding: 'gzip' },
      customMetadata: { guildId: meta.guildId, backupId: id, contentHash: encoded.contentHash },
    });
    const counts = countSnapshot(snapshot);
    const row: BackupRow = {
      id,
      guildId: meta.guildId,
      label: meta.label,
      authorId: meta.authorId,
      createdAt: Date.now(),
      kind: meta.kind,
      schemaVersion: snapshot.version,
      objectKey,
      rawSize: encoded.raw.byteLength,
      storedSize: encoded.stored.byteLength,
      checksum: encoded.checksum,
      contentHash: encoded.contentHash,
      counts: JSON.stringify(counts),
      memberRoleCount: snapshot.members.items.reduce((n, m) => n + m.roles.length, 0),
      guildName: snapshot.guild.name,
      pinned: false,
      note: '',
      jobId: meta.jobId ?? null,
    };
    try {
      await this.db.batch([
        this.db.insert(backups).values(row),
        auditInsert(this.db, {
          guildId: meta.guildId,
          actorId: meta.authorId,
          action: meta.kind === 'import' ? 'backup.import' : 'backup.create',
          details: { backupId: id, kind: meta.kind, label: meta.label, checksum: encoded.checksum },
        }),
      ]);
    } catch (error) {
      // Remove the object only if the row really is not there (a batch can commit and still report an
      // error); otherwise the orphan sweep decides later.
      const committed = await this.db.query.backups
        .findFirst({ where: eq(backups.id, id) })
        .catch(() => 'unknown');
      if (!committed) await this.bucket.delete(objectKey).catch(() => {});
      throw error;
    }
    return row;
  }

  list(guildId: string): Promise<BackupRow[]> {
    return this.db
      .select()
      .from(backups)
      .where(eq(backups.guildId, guildId))
      .orderBy(desc(backups.createdAt));
  }

  /** Backups of a guild (of the given kinds), pinned ones included: they count toward the limit. */
  async count(guildId: string, kinds?: BackupKind[]): Promise<number> {
    const where = kinds
      ? and(eq(backups.guildId, guildId), inArray(backups.kind, kinds))
      : eq(backups.guildId, guildId);
    return (await this.db.select({ n: count() }).from(backups).where(where).get())?.n ?? 0;
  }

  async byJob(jobId: string): Promise<BackupRow | undefined> {
    return this.db.query.backups.findFirst({ where: eq(backups.jobId, jobId) });
  }

  async get(guildId: string, backupId: string): Promise<BackupRow | undefined> {
    return this.db.query.backups.findFirst({
      where: and(eq(backups.guildId, guildId), eq(backups.id, backupId)),
    });
  }

  /** Reads, checks and parses the stored snapshot. */
  async load(row: BackupRow): Promise<{ snapshot: Snapshot | null; verify: VerifyResult }> {
    const problems: string[] = [];
    const object = await this.bucket.get(row.objectKey);
    if (!object)
      return {
        snapshot: null,
        verify: { ok: false, problems: ['The snapshot object is missing from storage.'] },
      };
    const stored = new Uint8Array(await object.arrayBuffer());
    const checksum = await sha256Hex(stored);
    if (checksum !== row.checksum)
      problems.push(`Checksum mismatch: expected ${row.checksum}, got ${checksum}.`);
    let snapshot: Snapshot | null = null;
    try {
      const raw = await gunzip(stored);
      if ((await sha256Hex(raw)) !== row.contentHash)
        problems.push('The content hash does not match the index.');
      const parsed = snapshotSchema.safeParse(JSON.parse(new TextDecoder().decode(raw)));
      if (parsed.success) snapshot = parsed.data;
      else
        problems.push(
          `The snapshot does not match schema version ${row.schemaVersion}: ${parsed.error.issues[0]?.message}`,
        );
    } catch (error) {
      problems.push(`The snapshot cannot be read: ${(error as Error).message}`);
    }
    return { snapshot: problems.length ? null : snapshot, verify: { ok: problems.length === 0, problems } };
  }

  async setPinned(row: BackupRow, pinned: boolean, actorId: string) {
    await this.db.batch([
      this.db
        .update(backups)
        .set({ pinned })
        .where(and(eq(backups.guildId, row.guildId), eq(backups.id, row.id))),
      auditInsert(this.db, {
        guildId: row.guildId,
        actorId,
        action: pinned ? 'backup.pin' : 'backup.unpin',
        details: { backupId: row.id },
      }),
    ]);
  }

  async setLabel(row: BackupRow, label: string, actorId: string) {
    await this.db.batch([
      this.db
        .update(backups)
        .set({ label })
        .where(and(eq(backups.guildId, row.guildId), eq(backups.id, row.id))),
      auditInsert(this.db, {
        guildId: row.guildId,
        actorId,
        action: 'backup.label',
        details: { backupId: row.id, from: row.label, to: label },
      }),
    ]);
  }

  async setNote(row: BackupRow, note: string, actorId: string) {
    await this.db.batch([
      this.db
        .update(backups)
        .set({ note })
        .where(and(eq(backups.guildId, row.guildId), eq(backups.id, row.id))),
      auditInsert(this.db, {
        guildId: row.guildId,
        actorId,
        action: 'backup.note',
        details: { backupId: row.id, note: note.slice(0, 80) },
      }),
    ]);
  }

  /**
   * Deletes a backup unless it is pinned (checked in the same statement, so a pin that lands first wins).
   * The row goes first, then the object: a failure in between leaves an orphan object for `orphans()`,
   * never a row pointing at nothing.
   */
  async delete(row: BackupRow, actorId: string, action = 'backup.delete'): Promise<boolean> {
    const [deleted] = await this.db.batch([
      this.db
        .delete(backups)
        .where(and(eq(backups.guildId, row.guildId), eq(backups.id, row.id), eq(backups.pinned, false)))
        .returning({ id: backups.id }),
      auditInsert(this.db, {
        guildId: row.guildId,
        actorId,
        action,
        details: { backupId: row.id, label: row.label },
      }),
    ]);
    if (deleted.length === 0) return false;
    await this.bucket.delete(row.objectKey).catch(() => {});
    return true;
  }

  /** Snapshot objects with no index row, older than `graceMs` (a crash between the two writes). */
  async orphans(graceMs: number, nowMs = Date.now(), maxPages = 5): Promise<string[]> {
    const found: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const listing = await this.bucket.list({ prefix: 'snapshots/', cursor, limit: 500 });
      const candidates = listing.objects
        .filter((o) => nowMs - o.uploaded.getTime() >= graceMs)
        .map((o) => ({ key: o.key, id: /\/([a-z2-9]+)\.json\.gz$/.exec(o.key)?.[1] ?? '' }));
      // One query per 90 objects (D1 binds at most 100 values), not one per object.
      for (let i = 0; i < candidates.length; i += 90) {
        const chunk = candidates.slice(i, i + 90);
        const rows = await this.db
          .select({ id: backups.id })
          .from(backups)
          .where(
            inArray(
              backups.id,
              chunk.map((c) => c.id),
            ),
          );
        const known = new Set(rows.map((r) => r.id));
        for (const c of chunk) if (!known.has(c.id)) found.push(c.key);
      }
      if (!listing.truncated) break;
      cursor = listing.cursor;
    }
    return found;
  }
}
