import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { BackupStore, encodeSnapshot } from '../../worker/backups/backup-store';
import { canonicalJson } from '../../worker/backups/canonical-json';
import { database } from '../../worker/db/client';
import { sampleSnapshot } from './backup-fixtures';

const GUILD = '1300000000000000100';
const meta = { guildId: GUILD, label: 'Test', authorId: '1300000000000001001', kind: 'manual' as const };

async function rowCount() {
  return (await env.DB.prepare('SELECT count(*) AS n FROM backups').first<{ n: number }>())!.n;
}
async function objectKeys() {
  return (await env.BACKUPS.list({ prefix: 'snapshots/' })).objects.map((o) => o.key);
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('backup store', () => {
  beforeEach(async () => {
    await env.DB.prepare('DELETE FROM backups').run();
    for (const key of await objectKeys()) await env.BACKUPS.delete(key);
  });

  it('stores the object with its SHA-256, then the index row, and reads back the same snapshot', async () => {
    const store = new BackupStore(database(env.DB), env.BACKUPS);
    const snapshot = sampleSnapshot();
    const row = await store.save(snapshot, meta);
    const object = await env.BACKUPS.head(row.objectKey);
    expect(
      object?.checksums.sha256 &&
        [...new Uint8Array(object.checksums.sha256)].map((b) => b.toString(16).padStart(2, '0')).join(''),
    ).toBe(row.checksum);
    expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    const loaded = await store.load(row);
    expect(loaded.verify).toEqual({ ok: true, problems: [] });
    expect(loaded.snapshot).toEqual(snapshot);
    expect(row.contentHash).toBe((await encodeSnapshot(snapshot)).contentHash);
    const audit = await env.DB.prepare(
      "SELECT details FROM audit_log WHERE action = 'backup.create' ORDER BY id DESC",
    ).first<{ details: string }>();
    expect(JSON.parse(audit!.details)).toMatchObject({ backupId: row.id, checksum: row.checksum });
  });

  it('writes nothing when R2 fails', async () => {
    const failing = new Proxy(env.BACKUPS, {
      get: (target, prop) =>
        prop === 'put' ? () => Promise.reject(new Error('R2 down')) : Reflect.get(target, prop).bind(target),
    });
    const store = new BackupStore(database(env.DB), failing);
    await expect(store.save(sampleSnapshot(), meta)).rejects.toThrow('R2 down');
    expect(await rowCount()).toBe(0);
    expect(await objectKeys()).toEqual([]);
  });

  it('removes the object again when the index row cannot be written', async () => {
    const db = database(env.DB);
    const failingDb = new Proxy(db, {
      get: (target, prop) =>
        prop === 'batch' ? () => Promise.reject(new Error('D1 down')) : Reflect.get(target, prop),
    });
    const store = new BackupStore(failingDb, env.BACKUPS);
    await expect(store.save(sampleSnapshot(), meta)).rejects.toThrow('D1 down');
    expect(await rowCount()).toBe(0);
    expect(await objectKeys()).toEqual([]);
  });

  it('finds objects left without a row by a crash, after a grace period', async () => {
    const store = new BackupStore(database(env.DB), env.BACKUPS);
    const kept = await store.save(sampleSnapshot(), meta);
    await env.BACKUPS.put(BackupStore.objectKey(GUILD, 'orphanorphan'), 'x');
    expect(await store.orphans(60_000)).toEqual([]);
    expect(await store.orphans(0, Date.now() + 1000)).toEqual([BackupStore.objectKey(GUILD, 'orphanorphan')]);
    expect(await store.get(GUILD, kept.id)).toBeDefined();
  });

  it('detects a corrupted object and a missing one', async () => {
    const store = new BackupStore(database(env.DB), env.BACKUPS);
    const row = await store.save(sampleSnapshot(), meta);
    await env.BACKUPS.put(row.objectKey, new Uint8Array([31, 139, 8, 0, 1, 2, 3]));
    const corrupted = await store.load(row);
    expect(corrupted.verify.ok).toBe(false);
    expect(corrupted.verify.problems[0]).toMatch(
      /^Checksum mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}\.$/,
    );
    expect(corrupted.snapshot).toBeNull();
    await env.BACKUPS.delete(row.objectKey);
    expect((await store.load(row)).verify.problems).toEqual(['The snapshot object is missing from storage.']);
  });

  it('never deletes a pinned backup, and deletes the row before the object', async () => {
    const store = new BackupStore(database(env.DB), env.BACKUPS);
    const row = await store.save(sampleSnapshot(), meta);
    await store.setPinned(row, true, meta.authorId);
    expect(await store.delete(row, meta.authorId)).toBe(false);
    expect(await objectKeys()).toEqual([row.objectKey]);
    await store.setPinned(row, false, meta.authorId);
    expect(await store.delete(row, meta.authorId)).toBe(true);
    expect(await rowCount()).toBe(0);
    expect(await objectKeys()).toEqual([]);
  });

  it('scopes every read to the guild', async () => {
    const store = new BackupStore(database(env.DB), env.BACKUPS);
    const row = await store.save(sampleSnapshot(), meta);
    expect(await store.get('1300000000000000200', row.id)).toBeUndefined();
    expect(await store.list('1300000000000000200')).toEqual([]);
  });
});
