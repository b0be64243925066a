import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { runBackupJob } from '../../worker/backups/backup-job';
import { BackupStore } from '../../worker/backups/backup-store';
import { buildExport } from '../../worker/backups/export-format';
import { signExportLink } from '../../worker/backups/export-link';
import { parseImportFile } from '../../worker/backups/import-file';
import { snapshotSchema } from '../../worker/backups/snapshot-schema';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import { emulator, interact, resetEmulator, waitForRecord } from './harness';

const store = () => new BackupStore(database(env.DB), env.BACKUPS);
const job = () => ({
  jobId: crypto.randomUUID(),
  kind: 'manual' as const,
  guildId: DEMO.guildId,
  authorId: DEMO.users.alan,
  label: 'Export me',
});
const secret = () => {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error('config');
  return loaded.config.exportSigningSecret;
};

describe('export and import', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.prepare('DELETE FROM backups').run();
  });

  it('round-trips: an export imported again has the same content hash, with its images', async () => {
    const row = await runBackupJob(env, job());
    const built = await buildExport(store(), env.BACKUPS, row);
    if ('problems' in built) throw new Error(built.problems.join());
    for (const o of (await env.BACKUPS.list({ prefix: 'assets/' })).objects) await env.BACKUPS.delete(o.key);
    const parsed = await parseImportFile(built.json);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.expectedContentHash).toBe(row.contentHash);
    const imported = await store().save(parsed.value.snapshot, {
      guildId: DEMO.otherGuildId,
      label: 'copy',
      authorId: DEMO.users.max,
      kind: 'import',
    });
    expect(imported.contentHash).toBe(row.contentHash);
    expect(imported.checksum).toBe(row.checksum);
    expect(parsed.value.assets.size).toBeGreaterThan(0);
  });

  it('refuses a damaged export and says why', async () => {
    const row = await runBackupJob(env, job());
    const built = await buildExport(store(), env.BACKUPS, row);
    if ('problems' in built) throw new Error('export');
    const file = JSON.parse(built.json);
    const [sha] = Object.keys(file.assets);
    file.assets[sha as string] = btoa('tampered');
    const parsed = await parseImportFile(JSON.stringify(file));
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('does not match its SHA-256') });
    expect(await parseImportFile('{"format":"edgeward.export"}')).toEqual({
      ok: false,
      error: expect.stringContaining('not a backup this bot can import'),
    });
    expect(await parseImportFile('not json')).toEqual({ ok: false, error: 'The file is not JSON.' });
  });

  it('converts the previous framework’s snapshot, keeping 19-digit ids exact', async () => {
    const png = btoa(String.fromCharCode(137, 80, 78, 71, 13, 10, 26, 10));
    const text = `{"version": "2.2.0", "captured_at": "2026-01-02T03:04:05.000000+00:00",
      "guild": {"id": 1300000000000000100, "name": "Old", "owner_id": 1300000000000001001, "member_count": 3, "icon_b64": "${png}"},
      "roles": [{"id": 1300000000000000111, "name": "Mod", "color": 255, "hoist": true, "mentionable": false, "permissions_value": 8226, "position": 2}],
      "categories": [{"id": 1300000000000000120, "name": "Text", "position": 0, "nsfw": false, "overwrites": []}],
      "text_channels": [{"id": 1300000000000000121, "name": "general", "topic": null, "slowmode_delay": 0, "nsfw": false, "position": 0, "category_id": 1300000000000000120, "default_auto_archive_duration": 1440,
        "overwrites": [{"target_id": 1300000000000000111, "target_type": "role", "allow": 1024, "deny": 0}]}],
      "voice_channels": [], "forum_channels": [], "stage_channels": [], "emojis": [], "stickers": [],
      "member_roles": [{"user_id": 1300000000000001003, "username": "max", "role_ids": [1300000000000000111], "role_names": ["Mod"]}],
      "server_settings": {"verification_level": 2, "afk_timeout": 600, "afk_channel_id": null},
      "bot_settings": {"custom_prefix": "?", "mention_prefix_enabled": false}}`;
    const parsed = await parseImportFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const s = parsed.value.snapshot;
    expect(snapshotSchema.safeParse(s).success).toBe(true);
    expect(parsed.value.source).toBe('previous-framework');
    expect(s.guild.id).toBe('1300000000000000100');
    expect(s.channels.find((c) => c.id === '1300000000000000121')).toMatchObject({
      parentId: '1300000000000000120',
      overwrites: [{ id: '1300000000000000111', type: 0, allow: '1024', deny: '0' }],
    });
    expect(s.members.items).toEqual([
      { userId: '1300000000000001003', roles: ['1300000000000000111'], nick: null },
    ]);
    expect(s.guild.verificationLevel).toBe(2);
    expect(s.botSettings).toEqual({ prefix: '?', mentionPrefix: false, roleRequirements: [] });
    expect(s.guild.icon?.size).toBe(8);
  });

  it('serves an export through a signed link, and refuses tampered, foreign or expired links', async () => {
    const row = await runBackupJob(env, job());
    const link = await signExportLink('https://edgeward.test', secret(), DEMO.guildId, row.id);
    const ok = await SELF.fetch(link.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain(`backup-${DEMO.guildId}-${row.id}.json`);
    const body = (await ok.json()) as { backup: { contentHash: string } };
    expect(body.backup.contentHash).toBe(row.contentHash);
    // Change the signature's first character to a different one (a fixed '0' would not change a
    // signature that already starts with 0).
    const tampered = link.url.replace(/sig=(.)/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect(tampered).not.toBe(link.url);
    expect((await SELF.fetch(tampered)).status).toBe(403);
    expect((await SELF.fetch(link.url.replace(DEMO.guildId, DEMO.otherGuildId))).status).toBe(403);
    const old = await signExportLink(
      'https://edgeward.test',
      secret(),
      DEMO.guildId,
      row.id,
      Date.now() - 3_600_000,
    );
    expect((await SELF.fetch(old.url)).status).toBe(410);
  });

  it('/backupexport is for bot owners unless Administrators are allowed', async () => {
    const row = await runBackupJob(env, job());
    const res = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'backupexport', options: [{ name: 'id', type: 3, value: row.id }] },
    });
    expect(res.body.data.embeds[0].title).toContain('Bot owners only');
  });
});

describe('export and import through Discord', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.prepare('DELETE FROM backups').run();
  });

  async function upload(filename: string, text: string) {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return emulator<{ id: string }>('/attachments', {
      body: { filename, content_type: 'application/json', data_base64: btoa(binary) },
    });
  }

  it('attaches the export for the bot owner, and importing that file elsewhere gives the same content hash', async () => {
    const row = await runBackupJob(env, job());
    const res = await interact({
      type: 2,
      user_id: DEMO.users.olive,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'backupexport', options: [{ name: 'id', type: 3, value: row.id }] },
    });
    expect(res.body.type).toBe(4);
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].title).toContain('Preparing the export');
    const record = await waitForRecord(res.id);
    const message = record.messages[0]!;
    expect(message.embeds[0]?.title).toBe('✅ Backup exported');
    const file = message.attachments[0]!;
    expect(file.filename).toBe(`backup-${DEMO.guildId}-${row.id}.json`);
    const text = await (await fetch(file.url)).text();
    const audit = await env.DB.prepare(
      "SELECT details FROM audit_log WHERE action = 'backup.export' ORDER BY id DESC",
    ).first<{ details: string }>();
    expect(JSON.parse(audit!.details)).toMatchObject({ backupId: row.id, via: 'attachment' });

    const uploaded = await upload('export.json', text);
    const imp = await interact({
      type: 2,
      user_id: DEMO.users.max,
      guild_id: DEMO.otherGuildId,
      channel_id: DEMO.channels.otherGeneral,
      data: { name: 'backupimport', options: [{ name: 'file', type: 11, value: uploaded.id }] },
    });
    expect(imp.body.data.embeds[0].title).toContain('Importing');
    const done = await waitForRecord(imp.id);
    const embed = done.messages[0]!.embeds[0]!;
    expect(embed.title).toBe('✅ Backup imported');
    expect(embed.description).toContain('identical to the original');
    expect(embed.description).toContain('taken of another server');
    const imported = await store().list(DEMO.otherGuildId);
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ kind: 'import', contentHash: row.contentHash, label: 'Export me' });
  });

  it('refuses a file that is not a backup and stores nothing', async () => {
    const uploaded = await upload('notes.json', JSON.stringify({ hello: 'world' }));
    const imp = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'backupimport', options: [{ name: 'file', type: 11, value: uploaded.id }] },
    });
    const done = await waitForRecord(imp.id);
    expect(done.messages[0]!.embeds[0]!.title).toBe('❌ Import refused');
    expect(await store().list(DEMO.guildId)).toEqual([]);
  });
});

describe('import validation', () => {
  it('quotes large integers only outside strings', async () => {
    const { quoteLargeIntegers } = await import('../../worker/backups/seed-import');
    expect(
      quoteLargeIntegers('{"topic":"owner 1234567890123456789, ok","id":1234567890123456789,"n":42}'),
    ).toBe('{"topic":"owner 1234567890123456789, ok","id":"1234567890123456789","n":42}');
  });

  it('refuses an old-format file whose ids or values are not valid', async () => {
    const bad =
      '{"version":"2.2.0","captured_at":"2026-01-01T00:00:00Z","guild":{"id":"not-a-snowflake","name":"x","owner_id":1300000000000001001}}';
    expect(await parseImportFile(bad)).toEqual({
      ok: false,
      error: expect.stringContaining('not a backup this bot can import'),
    });
    const badDate =
      '{"version":"2.2.0","captured_at":"yesterday","guild":{"id":1300000000000000100,"name":"x","owner_id":1300000000000001001}}';
    expect((await parseImportFile(badDate)).ok).toBe(false);
  });
});
