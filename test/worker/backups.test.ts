import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { runBackupJob } from '../../worker/backups/backup-job';
import { BackupStore } from '../../worker/backups/backup-store';
import { database } from '../../worker/db/client';
import { emulator, type InteractionRecord, interact, resetEmulator } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const str = (name: string, value: string) => ({ name, type: 3, value });
const slash = (user: string, name: string, options: unknown[] = [], at: object = where) =>
  interact({ type: 2, user_id: user, ...at, data: { name, options } });
const store = () => new BackupStore(database(env.DB), env.BACKUPS);

/** Polls the interaction until its message shows one of the final titles. */
async function waitForTitle(id: string, pattern: RegExp, timeoutMs = 20_000): Promise<InteractionRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await emulator<InteractionRecord>(`/interactions/${id}`);
    const title = record.messages[0]?.embeds?.[0]?.title ?? '';
    if (pattern.test(title)) return record;
    if (Date.now() > deadline) throw new Error(`timed out; last title: ${title}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function clean() {
  await resetEmulator();
  await env.DB.batch([
    env.DB.prepare('DELETE FROM backups'),
    env.DB.prepare('DELETE FROM backup_jobs'),
    env.DB.prepare('DELETE FROM cooldowns'),
  ]);
  for (const o of (await env.BACKUPS.list()).objects) await env.BACKUPS.delete(o.key);
}

const job = (over: Partial<Parameters<typeof runBackupJob>[1]> = {}) => ({
  jobId: crypto.randomUUID(),
  kind: 'manual' as const,
  guildId: DEMO.guildId,
  authorId: DEMO.users.alan,
  label: 'test',
  ...over,
});

describe('backups through the emulator', () => {
  beforeEach(clean);

  it('/backupcreate queues a job whose progress message ends with the id, checksum and counts', async () => {
    const res = await slash(DEMO.users.alan, 'backupcreate', [str('label', 'Before the event')]);
    expect(res.body.type).toBe(4);
    expect(res.body.data.embeds[0].title).toBe('💾 Creating backup…');
    const done = await waitForTitle(res.id, /Backup (created|failed)/);
    const embed = done.messages[0]!.embeds[0]!;
    expect(embed.title).toBe('✅ Backup created');
    const [row] = await store().list(DEMO.guildId);
    expect(row?.label).toBe('Before the event');
    expect(embed.fields?.find((f) => f.name === 'SHA-256')?.value).toBe(`\`${row?.checksum}\``);
    expect(embed.fields?.find((f) => f.name === 'ID')?.value).toBe(`\`${row?.id}\``);
  });

  it('captures every role (with @everyone and managed), every channel with overwrites, images, members and bans', async () => {
    const state = await emulator<any>('/state');
    const guild = state.guilds.find((g: any) => g.id === DEMO.guildId);
    const row = await runBackupJob(env, job());
    const { snapshot, verify } = await store().load(row);
    expect(verify.ok).toBe(true);
    const s = snapshot!;
    expect(s.roles.map((r) => r.id).sort()).toEqual(guild.roles.map((r: any) => r.id).sort());
    expect(s.roles.find((r) => r.id === DEMO.guildId)?.name).toBe('@everyone');
    expect(s.roles.find((r) => r.id === DEMO.roles.bot)?.managed).toBe(true);
    const channels = state.channels.filter(
      (c: any) => c.guild_id === DEMO.guildId && ![10, 11, 12].includes(c.type),
    );
    expect(s.channels.map((c) => c.id).sort()).toEqual(channels.map((c: any) => c.id).sort());
    const admins = s.channels.find((c) => c.id === DEMO.channels.admins)!;
    expect(admins.overwrites).toContainEqual(expect.objectContaining({ id: DEMO.guildId, type: 0 }));
    const forum = s.channels.find((c) => c.id === DEMO.channels.helpForum)!;
    expect(forum.availableTags.map((t) => t.id).sort()).toEqual(
      [DEMO.forumTags.question, DEMO.forumTags.solved].sort(),
    );
    expect(s.members.captured).toBe(true);
    expect(s.members.items.map((m) => m.userId)).toContain(DEMO.users.max);
    expect(s.emojis.length).toBe(guild.emojis.length);
    for (const emoji of s.emojis) {
      expect(emoji.image).not.toBeNull();
      expect(await env.BACKUPS.head(`assets/${emoji.image!.sha256}`)).not.toBeNull();
    }
    expect(s.bans.captured).toBe(true);
    expect(s.bans.items.length).toBe((guild.bans ?? []).length);
    expect(s.guild.icon?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.warnings).toEqual([]);
  });

  it('says when the members intent is missing instead of failing', async () => {
    await emulator('/intents', { method: 'PUT', body: { members: false, messageContent: true } });
    const row = await runBackupJob(env, job());
    const { snapshot } = await store().load(row);
    expect(snapshot?.members).toEqual({
      captured: false,
      reason: expect.stringContaining('Server Members intent'),
      items: [],
    });
    expect(snapshot?.roles.length).toBeGreaterThan(0);
  });

  it('stores identical images once across backups', async () => {
    await runBackupJob(env, job());
    const assets = async () => (await env.BACKUPS.list({ prefix: 'assets/' })).objects.length;
    const before = await assets();
    expect(before).toBeGreaterThan(0);
    await runBackupJob(env, job());
    expect(await assets()).toBe(before);
  });

  it('does not store a second backup when a job is retried after it saved', async () => {
    const once = job();
    const first = await runBackupJob(env, once);
    const again = await runBackupJob(env, once);
    expect(again.id).toBe(first.id);
    expect(await store().list(DEMO.guildId)).toHaveLength(1);
  });

  it('runs one job per guild at a time', async () => {
    await env.DB.prepare("INSERT INTO backup_jobs VALUES (?, 'other', 'auto', ?, ?, 'members')")
      .bind(DEMO.guildId, Date.now(), Date.now() + 60_000)
      .run();
    await expect(runBackupJob(env, job())).rejects.toThrow(/already running/);
    const res = await slash(DEMO.users.alan, 'backupcreate');
    expect(res.body.data.embeds[0].title).toContain('Backup already running');
  });

  it('rotates automatic backups, never touching pinned or manual ones', async () => {
    const manual = await runBackupJob(env, job());
    const pinned = await runBackupJob(env, job({ kind: 'auto' }));
    await store().setPinned(pinned, true, DEMO.users.alan);
    for (let i = 0; i < 9; i++) await runBackupJob(env, job({ kind: 'auto', authorId: DEMO.botUserId }));
    const rows = await store().list(DEMO.guildId);
    const autos = rows.filter((r) => r.kind === 'auto' && !r.pinned);
    expect(autos).toHaveLength(7);
    expect(rows.map((r) => r.id)).toContain(manual.id);
    expect(rows.map((r) => r.id)).toContain(pinned.id);
  });
});

describe('backup commands', () => {
  beforeEach(clean);

  it('applies a per-guild cooldown after a manual backup; the bot owner bypasses it with a notice', async () => {
    const first = await slash(DEMO.users.alan, 'backupcreate');
    await waitForTitle(first.id, /Backup created/);
    const second = await slash(DEMO.users.ada, 'backupcreate');
    expect(second.body.data.embeds[0].title).toContain('Cooldown');
    expect(second.body.data.embeds[0].description).toMatch(/<t:\d+:R>/);
    const owner = await slash(DEMO.users.olive, 'backupcreate');
    expect(owner.body.data.embeds.map((e: any) => e.title)).toEqual([
      '💾 Creating backup…',
      '⚠️ Cooldown bypassed (bot owner)',
    ]);
    await waitForTitle(owner.id, /Backup created/);
  });

  it('refuses members without Administrator', async () => {
    const res = await slash(DEMO.users.mia, 'backupcreate');
    expect(res.body.data.embeds[0].title).toContain('Missing permissions');
  });

  it('views, pins, notes, verifies and lists a backup', async () => {
    const row = await runBackupJob(env, job({ label: 'Weekly' }));
    const view = await slash(DEMO.users.alan, 'backupview', [str('id', row.id)]);
    expect(view.body.data.embeds[0].title).toBe(`📋 Backup \`${row.id}\``);
    expect(view.body.data.embeds[0].fields.find((f: any) => f.name === 'SHA-256').value).toBe(
      `\`${row.checksum}\``,
    );

    const pin = await slash(DEMO.users.alan, 'backuppin', [str('id', row.id)]);
    expect(pin.body.data.embeds[0].title).toContain('Backup pinned');
    const del = await slash(DEMO.users.alan, 'backupdelete', [str('id', row.id)]);
    expect(del.body.data.embeds[0].title).toContain('Pinned backup');

    const tooLong = await slash(DEMO.users.alan, 'backupnote', [
      str('id', row.id),
      str('text', 'x'.repeat(501)),
    ]);
    expect(tooLong.body.data.embeds[0].description).toContain('at most 500');
    const note = await slash(DEMO.users.alan, 'backupnote', [
      str('id', row.id),
      str('text', 'Before the raid'),
    ]);
    expect(note.body.data.embeds[0].title).toContain('Note saved');
    expect((await store().get(DEMO.guildId, row.id))?.note).toBe('Before the raid');

    const verify = await slash(DEMO.users.alan, 'backupverify', [str('id', row.id)]);
    expect(verify.body.type).toBe(5);
    const verified = await waitForTitle(verify.id, /Integrity/);
    expect(verified.messages[0]!.embeds[0]!.title).toBe('✅ Integrity verified');

    const list = await slash(DEMO.users.alan, 'backuplist');
    expect(list.body.data.embeds[0].fields[0].name).toBe(`📌 \`${row.id}\` · Weekly`);
  });

  it('reports a corrupted backup in /backupverify', async () => {
    const row = await runBackupJob(env, job());
    await env.BACKUPS.put(row.objectKey, 'not gzip at all');
    const verify = await slash(DEMO.users.alan, 'backupverify', [str('id', row.id)]);
    const done = await waitForTitle(verify.id, /Integrity/);
    expect(done.messages[0]!.embeds[0]!.title).toBe('❌ Integrity check failed');
    expect(done.messages[0]!.embeds[0]!.description).toContain('Checksum mismatch');
  });

  it('deletes after confirmation, by the same user only', async () => {
    const row = await runBackupJob(env, job());
    const ask = await slash(DEMO.users.alan, 'backupdelete', [str('id', row.id)]);
    const [confirm] = ask.body.data.components[0].components;
    const other = await interact({
      type: 3,
      user_id: DEMO.users.ada,
      ...where,
      message_id: ask.messageId,
      data: { custom_id: confirm.custom_id, component_type: 2 },
    });
    expect(other.body.data.embeds[0].title).toContain('Not your menu');
    expect(await store().get(DEMO.guildId, row.id)).toBeDefined();
    const done = await interact({
      type: 3,
      user_id: DEMO.users.alan,
      ...where,
      message_id: ask.messageId,
      data: { custom_id: confirm.custom_id, component_type: 2 },
    });
    expect(done.body.data.embeds[0].title).toContain('Backup deleted');
    expect(await store().get(DEMO.guildId, row.id)).toBeUndefined();
    expect(await env.BACKUPS.head(row.objectKey)).toBeNull();
  });

  it('never lets another guild see, pin, verify or delete a backup', async () => {
    const row = await runBackupJob(env, job());
    const other = { guild_id: DEMO.otherGuildId, channel_id: DEMO.channels.otherGeneral };
    for (const name of ['backupview', 'backuppin', 'backupverify', 'backupdelete']) {
      const res = await slash(DEMO.users.max, name, [str('id', row.id)], other);
      expect(res.body.data.embeds[0].title).toBe('❌ Backup not found');
    }
    expect((await store().get(DEMO.guildId, row.id))?.pinned).toBe(false);
  });

  it('autocompletes only this guild’s backup ids', async () => {
    const row = await runBackupJob(env, job({ label: 'Autocomplete me' }));
    const res = await interact({
      type: 4,
      user_id: DEMO.users.alan,
      ...where,
      data: { name: 'backupview', options: [{ name: 'id', type: 3, value: 'autoc', focused: true }] },
    });
    expect((res.body.data as any).choices.map((c: any) => c.value)).toEqual([row.id]);
    const elsewhere = await interact({
      type: 4,
      user_id: DEMO.users.max,
      guild_id: DEMO.otherGuildId,
      channel_id: DEMO.channels.otherGeneral,
      data: { name: 'backupview', options: [{ name: 'id', type: 3, value: '', focused: true }] },
    });
    expect((elsewhere.body.data as any).choices).toEqual([]);
  });
});

describe('backup results always reach the user', () => {
  beforeEach(clean);

  it('posts the result in the channel when the interaction token has expired', async () => {
    const built = await emulator<{ id: string; token: string }>('/interactions/build', {
      body: { type: 2, user_id: DEMO.users.alan, ...where, data: { name: 'backupcreate' } },
    });
    await emulator('/time-offset', { method: 'PUT', body: { ms: 16 * 60_000 } });
    await runBackupJob(
      env,
      job({
        reply: { applicationId: DEMO.applicationId, token: built.token },
        channel: { channelId: DEMO.channels.general },
      }),
    );
    const messages = await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`);
    const last = messages.at(-1);
    expect(last.content).toBe(`<@${DEMO.users.alan}>`);
    expect(last.embeds[0].title).toBe('✅ Backup created');
  });
});

describe('backup autocomplete', () => {
  beforeEach(clean);

  it('suggests nothing to members who may not use the command', async () => {
    await runBackupJob(env, job({ label: 'secret label' }));
    const res = await interact({
      type: 4,
      user_id: DEMO.users.max,
      ...where,
      data: { name: 'backupview', options: [{ name: 'id', type: 3, value: '', focused: true }] },
    });
    expect((res.body.data as any).choices).toEqual([]);
  });
});
