import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { runBackupJob } from '../../worker/backups/backup-job';
import { emulator, interact, resetEmulator, waitForRecord } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const job = (label: string) => ({
  jobId: crypto.randomUUID(),
  kind: 'manual' as const,
  guildId: DEMO.guildId,
  authorId: DEMO.users.alan,
  label,
});

async function press(
  messageId: string | undefined,
  customId: string,
  user: string = DEMO.users.alan,
  values?: string[],
) {
  return interact({
    type: 3,
    user_id: user,
    ...where,
    message_id: messageId,
    data: { custom_id: customId, component_type: values ? 3 : 2, ...(values ? { values } : {}) },
  });
}

describe('/backup dashboard', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM backups'),
      env.DB.prepare("DELETE FROM audit_log WHERE action LIKE 'backup.%'"),
    ]);
  });

  it('opens on the overview and switches tabs', async () => {
    const row = await runBackupJob(env, job('First'));
    const open = await interact({ type: 2, user_id: DEMO.users.alan, ...where, data: { name: 'backup' } });
    const embed = open.body.data.embeds[0];
    expect(embed.title).toBe('💾 Backup dashboard');
    expect(embed.fields.find((f: any) => f.name === 'Latest backup').value).toContain(row.id);
    expect(embed.fields.find((f: any) => f.name === 'Server now').value).toMatch(/\d+ roles/);
    const tabs = open.body.data.components[0].components;
    expect(tabs.map((b: any) => b.label)).toEqual([
      '🏠 Overview',
      '💾 Backups',
      '🔍 Compare',
      '📜 Audit',
      '📊 Analytics',
    ]);
    const ids = open.body.data.components.flatMap((r: any) => r.components.map((c: any) => c.custom_id));
    expect(new Set(ids).size).toBe(ids.length);

    const audit = await press(open.messageId, tabs[3].custom_id);
    expect(audit.body.type).toBe(7);
    expect(audit.body.data.embeds[0].description).toContain(`**create** \`${row.id}\``);

    // The message now carries the Audit tab's buttons (their ids hold a fresh expiry): press those.
    const analytics = await press(open.messageId, audit.body.data.components[0].components[4].custom_id);
    expect(analytics.body.data.embeds[0].fields[0].value).toContain('1 total');
  });

  it('pages through backups with unique component ids on every page', async () => {
    for (let i = 0; i < 11; i++) await runBackupJob(env, { ...job(`B${i}`), jobId: crypto.randomUUID() });
    const open = await interact({ type: 2, user_id: DEMO.users.alan, ...where, data: { name: 'backup' } });
    let view = await press(open.messageId, open.body.data.components[0].components[1].custom_id);
    for (const expected of ['page 1/3', 'page 2/3', 'page 3/3']) {
      expect(view.body.data.embeds[0].description).toContain(expected);
      const ids = view.body.data.components.flatMap((r: any) => r.components.map((c: any) => c.custom_id));
      expect(new Set(ids).size).toBe(ids.length);
      const next = view.body.data.components[1].components[1];
      if (expected === 'page 3/3') expect(next.disabled).toBe(true);
      else view = await press(open.messageId, next.custom_id);
    }
  });

  it('compares the live server with the latest backup by id and field', async () => {
    await runBackupJob(env, job('Baseline'));
    await emulator(`/guilds/${DEMO.guildId}`, { method: 'PATCH', body: { name: 'Renamed Demo' } }).catch(
      () => null,
    );
    const open = await interact({ type: 2, user_id: DEMO.users.alan, ...where, data: { name: 'backup' } });
    const compare = await press(open.messageId, open.body.data.components[0].components[2].custom_id);
    expect(compare.body.type).toBe(6);
    await waitForRecord(compare.id);
    const messages = await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`);
    const embed = messages.find((m) => m.id === open.messageId).embeds[0];
    expect(embed.title).toBe('🔍 Compare: server now vs latest backup');
    expect(embed.description).toContain('**1** changed');
    expect(embed.fields[0].name).toBe('🟡 setting Server settings');
    expect(embed.fields[0].value).toContain('name: Edgeward Demo → Renamed Demo');
  });

  it('deletes through the select menu and confirmation', async () => {
    const row = await runBackupJob(env, job('Doomed'));
    const open = await interact({ type: 2, user_id: DEMO.users.alan, ...where, data: { name: 'backup' } });
    const pick = await press(open.messageId, open.body.data.components[1].components[3].custom_id);
    expect(pick.body.data.flags).toBe(64);
    const select = pick.body.data.components[0].components[0];
    expect(select.options.map((o: any) => o.value)).toEqual([row.id]);
    const confirm = await press(pick.messageId, select.custom_id, DEMO.users.alan, [row.id]);
    const button = confirm.body.data.components[0].components[0];
    const done = await press(pick.messageId, button.custom_id);
    expect(done.body.data.embeds[0].title).toContain('Backup deleted');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM backups').first('n')).toBe(0);
  });
});

describe('/backupdiff', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.prepare('DELETE FROM backups').run();
  });

  it('compares two backups by id and field, with member role changes', async () => {
    const first = await runBackupJob(env, job('Before'));
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    await emulator(`/channels/${DEMO.channels.noBot}`, { method: 'DELETE' });
    await emulator(`/guilds/${DEMO.guildId}`, { method: 'PATCH', body: { verification_level: 4 } });
    const second = await runBackupJob(env, { ...job('After'), jobId: crypto.randomUUID() });
    const res = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: {
        name: 'backupdiff',
        options: [
          { name: 'a', type: 3, value: first.id },
          { name: 'b', type: 3, value: second.id },
        ],
      },
    });
    expect(res.body.type).toBe(5);
    const record = await waitForRecord(res.id);
    const embed = record.messages[0]!.embeds[0]!;
    expect(embed.title).toBe(`🔀 \`${first.id}\` → \`${second.id}\``);
    expect(embed.description).toContain('**2** removed');
    expect(embed.description).toContain('Members: 1 with changed roles');
    const names = embed.fields!.map((f) => f.name);
    expect(names).toContain('🔴 role: Moderator');
    expect(names).toContain('🔴 channel: no-bot');
    expect(embed.fields!.find((f) => f.name.startsWith('🟡 setting'))?.value).toContain('verificationLevel:');
  });

  it('refuses the same backup twice and unknown ids', async () => {
    const row = await runBackupJob(env, job('Only'));
    const same = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: {
        name: 'backupdiff',
        options: [
          { name: 'a', type: 3, value: row.id },
          { name: 'b', type: 3, value: row.id },
        ],
      },
    });
    expect(same.body.data.embeds[0].title).toContain('Same backup');
    const unknown = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: {
        name: 'backupdiff',
        options: [
          { name: 'a', type: 3, value: row.id },
          { name: 'b', type: 3, value: 'nopenopenope' },
        ],
      },
    });
    expect(unknown.body.data.embeds[0].title).toBe('❌ Backup not found');
  });
});
