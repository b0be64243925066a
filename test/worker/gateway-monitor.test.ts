import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import {
  coordinator,
  freshGateway,
  sessions,
  shardStub,
  startOne,
  tearDownShards,
  until,
} from './gateway-helpers';
import { emulator, interact } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const owner = DEMO.users.olive;

function slash(user: string, name: string, options: unknown[] = []) {
  return interact({ type: 2, user_id: user, ...where, data: { name, options } });
}
const embedOf = (res: { body: any }) => res.body.data.embeds[0];
const field = (embed: any, start: string) => embed.fields.find((f: any) => f.name.startsWith(start))?.value;

beforeEach(() => freshGateway());
afterEach(() => tearDownShards(1));

describe('the shard monitor (bot owner)', () => {
  it('is for the bot owner only, and says so when no shard runs', async () => {
    const refused = await slash(DEMO.users.ada, 'shardmonitor');
    expect(embedOf(refused).title).toContain('Bot owner only');
    const none = await slash(owner, 'shardmonitor');
    expect(embedOf(none).description).toContain('No gateway shard is running');
  });

  it('shows overview, health, latency and events tabs for a live shard', async () => {
    await startOne();
    await until('a latency sample', async () => {
      const s = await shardStub(0, 1).status();
      return s && s.metrics.latencies.length > 0;
    });
    const open = await slash(owner, 'shardmonitor');
    const overview = embedOf(open);
    expect(overview.title).toContain('overview');
    expect(field(overview, '🔀 Shards')).toMatch(/🟢 S0: 2g \| \d+ ms \| [\d.]+%/);
    expect(field(overview, '🔔 Alerts')).toContain('Disabled');
    const buttons = open.body.data.components[0].components;
    expect(buttons.map((b: any) => b.label)).toEqual([
      'Overview',
      'Health',
      'Latency',
      'Events',
      '🔄 Refresh',
    ]);
    const press = (custom_id: string) =>
      interact({
        type: 3,
        user_id: owner,
        ...where,
        message_id: open.messageId,
        data: { custom_id, component_type: 2 },
      });
    // Each press updates the message with fresh buttons (their ids carry a new expiry): press those.
    const health = await press(buttons[1].custom_id);
    expect(embedOf(health).title).toBe('🟢 Shard health: healthy');
    const latency = await press(health.body.data.components[0].components[2].custom_id);
    expect(field(embedOf(latency), 'Per shard')).toMatch(/S0: \d+ ms █+/);
    const events = await press(latency.body.data.components[0].components[3].custom_id);
    expect(field(embedOf(events), 'Shard 0')).toContain('Connects: 1');
  });

  it('details one shard, refuses an unknown one, and reports a fatal stop as critical', async () => {
    await startOne();
    const details = embedOf(await slash(owner, 'sharddetails', [{ name: 'shard_id', type: 4, value: 0 }]));
    expect(details.title).toBe('🟢 Shard 0');
    expect(field(details, 'Reliability')).toContain('Identifies: 1');
    await env.DB.prepare('DELETE FROM cooldowns').run();
    const unknown = embedOf(await slash(owner, 'sharddetails', [{ name: 'shard_id', type: 4, value: 5 }]));
    expect(unknown.description).toContain('Valid ids: 0');

    await emulator('/gateway/close', { body: { shard: 0, code: 4004 } });
    await until('the stop', async () => (await shardStub(0, 1).status())?.metrics.fatal);
    const health = embedOf(await slash(owner, 'shardhealth'));
    expect(health.title).toBe('🔴 Shard health: critical');
    expect(field(health, '🔴 Critical')).toContain('Stopped: the bot token was refused (4004)');
  });

  it('alerts the configured channel when a shard is unhealthy, at most once per 5 minutes', async () => {
    await startOne();
    const set = embedOf(
      await slash(owner, 'shardalerts', [
        { name: 'channel', type: 7, value: DEMO.channels.announcements },
        { name: 'threshold', type: 4, value: 2 },
      ]),
    );
    expect(set.title).toContain('Shard alerts configured');
    // A threshold alone keeps the channel; only `disable` turns alerts off.
    await slash(owner, 'shardalerts', [{ name: 'threshold', type: 4, value: 4 }]);
    expect(await coordinator().alertConfig()).toEqual({
      channelId: DEMO.channels.announcements,
      threshold: 4,
    });

    expect(await coordinator().checkHealth()).toEqual({ alerted: false, unhealthy: 0 });
    await emulator('/gateway/close', { body: { shard: 0, code: 4014 } });
    await until('the stop', async () => (await shardStub(0, 1).status())?.metrics.fatal);
    expect(await coordinator().checkHealth()).toEqual({ alerted: true, unhealthy: 1 });
    expect(await coordinator().checkHealth()).toEqual({ alerted: false, unhealthy: 1 });
    const messages = await emulator<any[]>(`/channels/${DEMO.channels.announcements}/messages`);
    const alert = messages.at(-1).embeds[0];
    expect(alert.title).toBe('⚠️ Shard health alert');
    expect(alert.fields[0].name).toBe('🔴 Shard 0');

    const off = embedOf(await slash(owner, 'shardalerts', [{ name: 'disable', type: 5, value: true }]));
    expect(off.title).toContain('disabled');
    expect((await coordinator().alertConfig()).channelId).toBeNull();
  });

  it('resets metrics, and a shard stopped by a fatal code connects again', async () => {
    await startOne();
    await emulator('/gateway/close', { body: { shard: 0, code: 4013 } });
    await until('the stop', async () => (await shardStub(0, 1).status())?.metrics.fatal);
    const reset = embedOf(await slash(owner, 'shardreset', [{ name: 'shard_id', type: 4, value: 0 }]));
    expect(reset.title).toContain('Shard 0 metrics reset');
    const back = await until('the reconnect', async () => {
      const s = await shardStub(0, 1).status();
      return s?.metrics.state === 'ready' ? s : null;
    });
    expect(back.metrics).toMatchObject({ fatal: null, disconnects: 0, identifies: 1 });
    const none = embedOf(await slash(owner, 'shardreset', [{ name: 'shard_id', type: 4, value: 3 }]));
    expect(none.description).toContain('There is no shard 3');
  });

  it('groups shards into clusters, shows the coordinator view, and broadcasts to every shard', async () => {
    await startOne();
    await coordinator().collect();
    const clusters = embedOf(await slash(owner, 'clusters'));
    expect(clusters.fields[0].name).toBe('🟢 Cluster 0');
    expect(clusters.fields[0].value).toContain('Shards: 0');
    expect(field(clusters, '📊 Global totals')).toContain('Guilds: 2');
    const ipc = embedOf(await slash(owner, 'ipcstatus'));
    expect(field(ipc, 'Reports (1/1)')).toMatch(/S0: .* connected/);
    expect(field(ipc, 'Recent identifies')).toContain('S0');

    const sent = embedOf(
      await slash(owner, 'broadcastmsg', [{ name: 'text', type: 3, value: 'maintenance at 5' }]),
    );
    expect(sent.description).toContain('Delivered to 1 of 1 shard(s)');
    const presence = await until('the presence', async () => (await sessions())[0]?.presence);
    expect(JSON.stringify(presence)).toContain('📢 maintenance at 5');
  });

  it('/shardinfo tells everyone which shard serves the server', async () => {
    await startOne();
    const info = embedOf(await slash(DEMO.users.max, 'shardinfo'));
    expect(field(info, '🌐 Shards connected')).toBe('1/1');
    expect(field(info, '📍 This server')).toBe('Shard 0');
  });
});
