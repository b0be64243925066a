import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { BackupStore } from '../../worker/backups/backup-store';
import { database } from '../../worker/db/client';
import { emulator, interact } from './harness';
import {
  botOnTop,
  cleanRestoreState,
  demoBackup,
  discord,
  inDemo,
  openPreview,
  pressRestore,
  waitForMessageTitle,
  where,
} from './restore-helpers';

describe('restore through the emulator', () => {
  beforeEach(cleanRestoreState);

  it('repairs a nuked server in sync mode, then a second restore has nothing to do', async () => {
    const backup = await demoBackup('before the raid');
    // The raid: a role and a channel deleted, a channel renamed, @everyone made Administrator.
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    await discord('PATCH', `/channels/${DEMO.channels.general}`, { name: 'pwned' });
    await discord('PATCH', `/guilds/${DEMO.guildId}/roles/${DEMO.guildId}`, { permissions: '8' });
    await emulator(`/guilds/${DEMO.guildId}`, {
      method: 'PATCH',
      body: { icon: '0123456789abcdef0123456789abcdef' },
    });

    const preview = await openPreview(backup.id, 'sync');
    const embed = preview.embeds[0]!;
    expect(embed.fields?.find((f) => f.name === 'Would do')?.value).toContain('role.create × 1');
    const started = await pressRestore(preview);
    expect(started.body.data.embeds[0].title).toContain('Restore starting');

    const title = await waitForMessageTitle(preview.id, /Restore finished/);
    expect(title).toBe('✅ Restore finished');
    const report = (await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`)).find(
      (m) => m.id === preview.id,
    ).embeds[0];
    const field = (name: string) => report.fields.find((f: any) => f.name === name)?.value;
    expect(Number(field('Created'))).toBe(2);
    const changes = Number(field('Created')) + Number(field('Updated')) + Number(field('Deleted'));
    expect(Number(field('API calls'))).toBe(changes);
    expect(Number(field('Failed'))).toBe(0);
    expect(field('Verification')).toContain('now matches the backup');

    const roles = (await discord('GET', `/guilds/${DEMO.guildId}/roles`)) as any[];
    const moderator = roles.find((r) => r.name === 'Moderator');
    expect(moderator).toBeDefined();
    expect(moderator.id).not.toBe(DEMO.roles.moderator);
    expect(roles.find((r) => r.id === DEMO.guildId).permissions).not.toBe('8');
    const channels = (await discord('GET', `/guilds/${DEMO.guildId}/channels`)) as any[];
    expect(channels.find((c) => c.id === DEMO.channels.general).name).toBe('general');
    const admins = channels.find((c) => c.name === 'admins');
    expect(admins.parent_id).toBe(DEMO.channels.textCategory);
    expect(admins.permission_overwrites.map((o: any) => o.id)).toContain(DEMO.guildId);

    // The icon is the backed-up image again (same bytes), not the vandal's.
    const guild = (await discord('GET', `/guilds/${DEMO.guildId}`)) as { icon: string };
    expect(guild.icon).not.toBe('0123456789abcdef0123456789abcdef');
    const icon = await fetch(`${env.DISCORD_CDN_BASE}/icons/${DEMO.guildId}/${guild.icon}.png`);
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', await icon.arrayBuffer()))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    const backups = new BackupStore(database(env.DB), env.BACKUPS);
    const { snapshot } = await backups.load((await backups.get(DEMO.guildId, backup.id))!);
    expect(digest).toBe(snapshot!.guild.icon!.sha256);
    const safety = await env.DB.prepare("SELECT pinned FROM backups WHERE kind = 'safety'").first<{
      pinned: number;
    }>();
    expect(safety?.pinned).toBe(1);
    const audit = (await discord('GET', `/guilds/${DEMO.guildId}/audit-logs?action_type=30`)) as any;
    expect(audit.audit_log_entries[0].reason).toMatch(/^Edgeward restore .+ role\.create:/);

    // Idempotent: the same restore again plans nothing (the id map links the old ids to the new ones).
    const again = await openPreview(backup.id, 'sync');
    expect(again.embeds[0]!.description).toContain('Nothing to do');
  });

  it('puts back a role icon a vandal replaced, and uploads nothing on a second run', async () => {
    const png = (shade: number) =>
      `data:image/png;base64,${btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, shade, shade))}`;
    await botOnTop();
    const before = (await discord('PATCH', `/guilds/${DEMO.guildId}/roles/${DEMO.roles.member}`, {
      icon: png(1),
    })) as { icon: string };
    const backup = await demoBackup('member icon');
    await discord('PATCH', `/guilds/${DEMO.guildId}/roles/${DEMO.roles.member}`, { icon: png(2) });

    const preview = await openPreview(backup.id, 'sync');
    expect(preview.embeds[0]!.fields?.find((f) => f.name === 'Would do')?.value).toContain('role.update × 1');
    await pressRestore(preview);
    expect(await waitForMessageTitle(preview.id, /Restore finished/)).toBe('✅ Restore finished');
    const roles = (await discord('GET', `/guilds/${DEMO.guildId}/roles`)) as any[];
    const member = roles.find((r) => r.id === DEMO.roles.member);
    expect(member.icon).toBe(before.icon);
    const again = await openPreview(backup.id, 'sync');
    expect(again.embeds[0]!.description).toContain('Nothing to do');
  });

  it('adopts a role Discord created before the worker could record it, instead of creating it twice', async () => {
    const backup = await demoBackup('crash');
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    await emulator('/faults', {
      body: {
        method: 'POST',
        path: `/guilds/${DEMO.guildId}/roles`,
        status: 500,
        count: 1,
        applyFirst: true,
      },
    });
    const preview = await openPreview(backup.id, 'add');
    await pressRestore(preview);
    expect(await waitForMessageTitle(preview.id, /Restore finished/)).toBe('✅ Restore finished');
    const roles = (await discord('GET', `/guilds/${DEMO.guildId}/roles`)) as any[];
    expect(roles.filter((r) => r.name === 'Moderator')).toHaveLength(1);
    const creates = (await emulator<any[]>('/log?method=POST')).filter((e) =>
      e.path.endsWith(`/guilds/${DEMO.guildId}/roles`),
    );
    expect(creates.map((e) => e.status)).toEqual([500]);
    const op = await env.DB.prepare('SELECT state, error FROM restore_ops WHERE key = ?')
      .bind(`role.create:${DEMO.roles.moderator}`)
      .first<{ state: string; error: string }>();
    expect(op).toEqual({ state: 'done', error: 'adopted after an interruption' });
  });

  it('cancels between operations, keeping what was done', async () => {
    const backup = await demoBackup('cancel');
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    await emulator('/ratelimit/force', {
      body: { method: 'POST', path: `/guilds/${DEMO.guildId}/roles`, scope: 'user', retryAfter: 3, count: 1 },
    });
    const preview = await openPreview(backup.id, 'add');
    const started = await pressRestore(preview);
    const cancel = started.body.data.components[0].components[0];
    expect(cancel.label).toBe('Cancel the restore');
    // While it runs (held up by the 429), /backuprestore shows the job's progress instead of a new preview.
    for (let i = 0; ; i++) {
      const ops = await env.DB.prepare('SELECT count(*) AS n FROM restore_ops').first<{ n: number }>();
      if (ops!.n > 0) break;
      if (i > 100) throw new Error('the job never planned its operations');
      await new Promise((r) => setTimeout(r, 100));
    }
    const status = await interact({
      type: 2,
      ...inDemo,
      data: { name: 'backuprestore', options: [{ name: 'id', type: 3, value: backup.id }] },
    });
    expect(status.body.data.embeds[0].title).toContain('Restore in progress');
    expect(status.body.data.embeds[0].description).toMatch(/`[█░]{20}` \d+\/\d+ · about \d+ s left/);
    const pressed = await interact({
      type: 3,
      user_id: DEMO.users.ada,
      ...where,
      message_id: preview.id,
      data: { custom_id: cancel.custom_id, component_type: 2 },
    });
    expect(pressed.body.data.embeds[0].title).toContain('Cancelling');
    expect(await waitForMessageTitle(preview.id, /Restore cancelled/)).toBe('🛑 Restore cancelled');
    const job = await env.DB.prepare('SELECT status FROM restore_jobs').first<{ status: string }>();
    expect(job?.status).toBe('cancelled');
    const pending = await env.DB.prepare(
      "SELECT count(*) AS n FROM restore_ops WHERE state = 'pending'",
    ).first<{ n: number }>();
    expect(pending!.n).toBeGreaterThan(0);
    const lock = await env.DB.prepare('SELECT count(*) AS n FROM backup_jobs').first<{ n: number }>();
    expect(lock!.n).toBe(0);
  });

  it('keeps reporting in the channel once the interaction token has expired', async () => {
    const backup = await demoBackup('token');
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    const preview = await openPreview(backup.id, 'add');
    await emulator('/ratelimit/force', {
      body: {
        method: 'POST',
        path: `/guilds/${DEMO.guildId}/channels`,
        scope: 'user',
        retryAfter: 2,
        count: 1,
      },
    });
    await pressRestore(preview);
    await emulator('/time-offset', { method: 'PUT', body: { ms: 16 * 60_000 } });
    const deadline = Date.now() + 20_000;
    let report: any;
    while (!report && Date.now() < deadline) {
      const messages = await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`);
      report = messages.find(
        (m) =>
          m.id !== preview.id &&
          m.author.id === DEMO.botUserId &&
          /Restore finished/.test(m.embeds?.[0]?.title ?? ''),
      );
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(report?.embeds[0].title).toBe('✅ Restore finished');
  });

  it('mirror deletes what the backup lacks but keeps the rules channel', async () => {
    const backup = await demoBackup('mirror');
    const spam = (await discord('POST', `/guilds/${DEMO.guildId}/channels`, {
      name: 'raid-spam',
      type: 0,
    })) as { id: string };
    const preview = await openPreview(backup.id, 'mirror');
    expect(preview.embeds[0]!.fields?.find((f) => f.name === 'Would do')?.value).toContain(
      'channel.delete × 1',
    );
    await pressRestore(preview);
    expect(await waitForMessageTitle(preview.id, /Restore finished/)).toBe('✅ Restore finished');
    const channels = (await discord('GET', `/guilds/${DEMO.guildId}/channels`)) as any[];
    expect(channels.find((c) => c.id === spam.id)).toBeUndefined();
    expect(channels.find((c) => c.id === DEMO.channels.rules)).toBeDefined();
  });
});

describe('restore under pressure', () => {
  beforeEach(cleanRestoreState);

  it('finishes through a 429 storm and a 5xx mid-job, applying each write once', async () => {
    const backup = await demoBackup('storm');
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    const preview = await openPreview(backup.id, 'add');
    await emulator('/ratelimit/force', {
      body: {
        method: 'POST',
        path: `/guilds/${DEMO.guildId}/channels`,
        scope: 'user',
        retryAfter: 0.3,
        count: 3,
      },
    });
    await emulator('/faults', {
      body: { method: 'PATCH', path: `/members/${DEMO.users.mia}`, status: 503, count: 1 },
    });
    await pressRestore(preview);
    expect(await waitForMessageTitle(preview.id, /Restore finished/)).toBe('✅ Restore finished');
    const log = await emulator<any[]>('/log');
    const channelCreates = log.filter(
      (e) => e.method === 'POST' && e.path.endsWith(`/guilds/${DEMO.guildId}/channels`),
    );
    expect(channelCreates.map((e) => e.status)).toEqual([429, 429, 429, 201]);
    const memberPatches = log.filter(
      (e) => e.method === 'PATCH' && e.path.endsWith(`/members/${DEMO.users.mia}`),
    );
    expect(memberPatches.map((e) => e.status)).toEqual([503, 200]);
  });
});

describe('members during a restore', () => {
  beforeEach(cleanRestoreState);

  it('skips a member who left mid-job and still finishes clean', async () => {
    const backup = await demoBackup('leaver');
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    const preview = await openPreview(backup.id, 'add');
    expect(preview.embeds[0]!.fields?.find((f) => f.name === 'Would do')?.value).toContain(
      'member.roles × 1',
    );
    // The restore re-plans at start; make mia leave after that, just before her update is sent.
    await emulator('/ratelimit/force', {
      body: { method: 'POST', path: `/guilds/${DEMO.guildId}/roles`, scope: 'user', retryAfter: 1, count: 1 },
    });
    await pressRestore(preview);
    // Wait until the job is past its re-plan and held by the 429 on the role create.
    const until = Date.now() + 15_000;
    for (;;) {
      const inFlight = await env.DB.prepare(
        "SELECT count(*) AS n FROM restore_ops WHERE key = ? AND state = 'in_flight'",
      )
        .bind(`role.create:${DEMO.roles.moderator}`)
        .first<{ n: number }>();
      if (inFlight?.n || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await emulator(`/guilds/${DEMO.guildId}/members/${DEMO.users.mia}/leave`, { body: {} });
    expect(await waitForMessageTitle(preview.id, /Restore finished/)).toBe('✅ Restore finished');
    const op = await env.DB.prepare('SELECT state, error FROM restore_ops WHERE key = ?')
      .bind(`member.roles:${DEMO.users.mia}`)
      .first<{ state: string; error: string }>();
    expect(op).toEqual({ state: 'skipped', error: 'the member left the server' });
  });
});

describe('backups and restores of one guild', () => {
  it('skips an automatic backup while the guild is being restored', async () => {
    const { runBackupJob: run, SkippedForRestore } = await import('../../worker/backups/backup-job');
    await env.DB.prepare('DELETE FROM backup_jobs').run();
    await env.DB.prepare("INSERT INTO backup_jobs VALUES (?, 'restore-job', 'restore', ?, ?, 'running')")
      .bind(DEMO.guildId, Date.now(), Date.now() + 60_000)
      .run();
    await expect(
      run(env, {
        jobId: crypto.randomUUID(),
        kind: 'auto',
        guildId: DEMO.guildId,
        authorId: DEMO.botUserId,
        label: 'auto',
      }),
    ).rejects.toBeInstanceOf(SkippedForRestore);
    await env.DB.prepare('DELETE FROM backup_jobs').run();
  });
});
