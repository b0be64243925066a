import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { emulator, interact, resetEmulator, waitForRecord } from './harness';

interface LogEntry {
  method: string;
  path: string;
  status: number;
}

const sync = () =>
  interact({
    type: 2,
    user_id: DEMO.users.olive,
    guild_id: DEMO.guildId,
    channel_id: DEMO.channels.general,
    data: { name: 'sync' },
  });

describe('/sync', () => {
  beforeEach(resetEmulator);

  it('registers the commands, then writes nothing when they are equal', async () => {
    const first = await sync();
    expect(first.body).toEqual({ type: 5, data: { flags: 64 } });
    const done = await waitForRecord(first.id);
    expect(done.messages.at(-1)?.embeds?.[0]?.title).toBe('✅ Slash commands synced');

    const second = await sync();
    const again = await waitForRecord(second.id);
    expect(again.messages.at(-1)?.embeds?.[0]?.title).toBe('ℹ️ Already in sync');

    const log = await emulator<LogEntry[]>('/log');
    const writes = log.filter(
      (e) => e.method === 'PUT' && e.path.endsWith(`/applications/${DEMO.applicationId}/commands`),
    );
    expect(writes).toHaveLength(1);
    const state = await emulator<{
      commands: { global: { name: string; options?: { type: number; name: string }[] }[] };
    }>('/state');
    expect(state.commands.global.map((c) => c.name)).toContain('setprefix');
    // A group is one command whose options are its subcommands (type 1).
    const schedule = state.commands.global.find((c) => c.name === 'schedule');
    expect(schedule?.options?.map((o) => [o.type, o.name])).toEqual([
      [1, 'create'],
      [1, 'list'],
      [1, 'info'],
      [1, 'toggle'],
      [1, 'delete'],
    ]);
  });

  it('is refused to anyone but the bot owner', async () => {
    const res = await interact({
      type: 2,
      user_id: DEMO.users.ada,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'sync' },
    });
    expect(res.body.data.embeds[0].title).toContain('Bot owner only');
  });

  it('still delivers its deferred reply when Discord answers 429 first', async () => {
    await emulator('/ratelimit/force', {
      body: { method: 'PATCH', path: 'original', scope: 'user', retryAfter: 0.5, count: 1 },
    });
    const res = await sync();
    const record = await waitForRecord(res.id, 1, 10_000);
    expect(record.messages.at(-1)?.embeds?.[0]?.title).toMatch(/synced|in sync/);
    const log = await emulator<LogEntry[]>('/log');
    const patches = log.filter((e) => e.method === 'PATCH' && e.path.includes('original'));
    expect(patches.map((p) => p.status)).toEqual([429, 200]);
  });
});
