import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { emulator, interact, resetEmulator, waitForRecord } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
type Option = { name: string; type: number; value: unknown };
const ask = (user: string, options: Option[]) =>
  interact({ type: 2, user_id: user, ...where, data: { name: 'ask', options } });
const action = (value: string): Option => ({ name: 'action', type: 3, value });
const query = (value: string): Option => ({ name: 'query', type: 3, value });

async function upload(filename: string, text: string) {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return emulator<{ id: string }>('/attachments', {
    body: { filename, content_type: 'text/markdown', data_base64: btoa(binary) },
  });
}

describe('/ask through Discord', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM cooldowns'),
      env.DB.prepare('DELETE FROM assistant_answers'),
    ]);
  });

  it('help answers at once and lists the actions this user may use', async () => {
    const res = await ask(DEMO.users.max, [action('help')]);
    expect(res.body.type).toBe(4);
    expect(res.body.data.flags).toBe(64);
    const text: string = res.body.data.embeds[0].description;
    expect(text).toContain('`diagnose`');
    expect(text).not.toContain('`permission`');
  });

  it('defers, then edits in the answer with its sources; without Workers AI it says so (never a 5xx)', async () => {
    const res = await ask(DEMO.users.alan, [action('readme'), query('How do I restore a backup?')]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 5, data: { flags: 64 } });
    const record = await waitForRecord(res.id);
    const embeds = record.messages[0]?.embeds ?? [];
    expect(embeds[0]?.title).toBe('🤖 The README: How do I restore a backup?');
    const last = embeds.at(-1);
    expect(last?.fields?.[0]?.name).toBe('📚 Sources');
    expect(last?.fields?.[0]?.value).toContain('`README.md`');
    expect(last?.footer?.text).toMatch(
      /^Generation is unavailable: this deployment has no Workers AI binding/,
    );
  });

  it('keeps file and permission for bot owners', async () => {
    // Two users: the cooldown is checked before the command runs.
    for (const [name, user] of [
      ['file', DEMO.users.mia],
      ['permission', DEMO.users.max],
    ] as const) {
      const res = await ask(user, [action(name), query('anything')]);
      expect(res.body.data.embeds[0].title).toContain('Bot owner only');
    }
  });

  it('answers about an attached file for the owner, redacting what looks like a secret', async () => {
    const token = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
    const file = await upload(
      'notes.md',
      `# Deploy notes\n\nThe cron trigger runs every five minutes.\n\nbot token: ${token}\n`,
    );
    const res = await ask(DEMO.users.olive, [
      action('file'),
      query('when does the cron trigger run'),
      { name: 'file', type: 11, value: file.id },
    ]);
    const record = await waitForRecord(res.id);
    const text = JSON.stringify(record.messages);
    expect(text).toContain('file:notes.md');
    expect(text).toContain('every five minutes');
    expect(text).not.toContain(token);
  });

  it('has a 15-second cooldown per user', async () => {
    await ask(DEMO.users.ada, [action('help')]);
    const again = await ask(DEMO.users.ada, [action('help')]);
    expect(again.body.data.embeds[0].title).toContain('Slow down');
  });
});
