import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { commands } from '../../worker/commands';
import { interact, resetEmulator } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const slash = (user: string, name: string, at: object = where) =>
  interact({ type: 2, user_id: user, ...at, data: { name } });

describe('core commands', () => {
  beforeEach(resetEmulator);

  it('/stats shows usage counted across commands', async () => {
    await slash(DEMO.users.alan, 'extensions browse');
    const res = await slash(DEMO.users.alan, 'stats');
    const fields = Object.fromEntries(res.body.data.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(Number(fields['📝 Commands run'])).toBeGreaterThanOrEqual(1);
    expect(fields['🌐 Servers']).toBe('2');
    expect(fields['🔥 Top commands']).toContain('`extensions browse`');
  });

  it('/stats has a per-user cooldown that says when to retry', async () => {
    const first = await slash(DEMO.users.mia, 'stats');
    expect(first.body.data.embeds[0].title).toBe('📊 Bot statistics');
    const second = await slash(DEMO.users.mia, 'stats');
    expect(second.body.data.flags).toBe(64);
    expect(second.body.data.embeds[0].title).toContain('Slow down');
    const at = Number(/<t:(\d+):R>/.exec(second.body.data.embeds[0].description)?.[1]);
    expect(at * 1000).toBeGreaterThan(Date.now());
    expect(at * 1000).toBeLessThanOrEqual(Date.now() + 11_000);
    const someoneElse = await slash(DEMO.users.ada, 'stats');
    expect(someoneElse.body.data.embeds[0].title).toBe('📊 Bot statistics');
  });

  it('/extensions lists the bundled extensions, the framework’s own first', async () => {
    const res = await slash(DEMO.users.max, 'extensions browse');
    expect(res.body.data.embeds[0].title).toBe('🧩 Extensions');
    expect(res.body.data.embeds[0].fields[0].name).toBe('🔒 core · v1.0.0');
  });

  it('/about describes the bot and works in DMs', async () => {
    const res = await slash(DEMO.users.max, 'about', {});
    expect(res.body.data.embeds[0].title).toMatch(/^🤖 Edgeward /);
  });

  it('/shardinfo is available to everyone and truthful', async () => {
    // No shard runs in this file: it says so, and 0 of 0 connected.
    const res = await slash(DEMO.users.max, 'shardinfo');
    expect(res.body.data.embeds[0].description).toContain('No gateway shard is running');
    expect(res.body.data.embeds[0].fields[0]).toMatchObject({ name: '🌐 Shards connected', value: '0/0' });
  });

  it('/slashlimit is for the bot owner only', async () => {
    const refused = await slash(DEMO.users.ada, 'slashlimit');
    expect(refused.body.data.embeds[0].title).toContain('Bot owner only');
    const res = await slash(DEMO.users.olive, 'slashlimit');
    expect(res.body.data.embeds[0].description).toMatch(
      // A group's subcommands share one slot.
      new RegExp(
        `\`[█░]{20}\` \\*\\*${new Set(commands.map((c) => c.group?.name ?? c.name)).size}/100\\*\\*`,
      ),
    );
    expect(res.body.data.embeds[0].fields[0].value).toBe('🟢 Safe');
  });

  it('answers an unknown command with an ephemeral message', async () => {
    const res = await slash(DEMO.users.max, 'doesnotexist');
    expect(res.status).toBe(200);
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].title).toContain('Unknown command');
  });
});
