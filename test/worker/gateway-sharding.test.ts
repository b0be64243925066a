import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { shardOf } from '../../worker/gateway/intents';
import {
  coordinator,
  freshGateway,
  post,
  ready,
  repliesTo,
  shardStub,
  tearDownShards,
  until,
} from './gateway-helpers';
import { emulator } from './harness';

/** A guild id whose events go to shard 1 of 2 (the demo guilds are both on shard 0). */
const ON_SHARD_1 = (BigInt(DEMO.guildId) + (1n << 22n)).toString();

async function bot(path: string) {
  const res = await fetch(`${env.DISCORD_API_BASE}${path}`, {
    headers: { authorization: `Bot ${env.DISCORD_TOKEN}` },
  });
  return (await res.json()) as any;
}

beforeEach(() => freshGateway({ recommendedShards: 2 }));
afterEach(() => tearDownShards(2));

describe('two shards', () => {
  it('identify 5 s apart, hold their own guilds, and each runs the commands of its guilds', {
    timeout: 40_000,
  }, async () => {
    expect(shardOf(DEMO.guildId, 2)).toBe(0);
    expect(shardOf(ON_SHARD_1, 2)).toBe(1);
    await emulator('/guilds/generate', {
      body: { id: ON_SHARD_1, name: 'Far Away', members: 5, channels: 12 },
    });
    expect(await coordinator().ensureShards()).toEqual({ shardCount: 2 });
    const [zero, one] = [await ready(0, 2), await ready(1, 2)];
    expect(zero.metrics.guilds).toBe(2);
    expect(one.metrics.guilds).toBe(1);

    const { identifyLog } = await emulator<{ identifyLog: { shard: number; at: number; outcome: string }[] }>(
      '/gateway/sessions',
    );
    expect(identifyLog.map((i) => i.outcome)).toEqual(['ready', 'ready']);
    const [a, b] = identifyLog;
    expect(Math.abs((b?.at ?? 0) - (a?.at ?? 0))).toBeGreaterThanOrEqual(5000);

    const demo = await post(DEMO.channels.general, DEMO.users.max, '!about');
    const channels = (await bot(`/guilds/${ON_SHARD_1}/channels`)) as { id: string; type: number }[];
    const text = channels.find((c) => c.type === 0)!;
    const members = (await bot(`/guilds/${ON_SHARD_1}/members?limit=10`)) as {
      user: { id: string; bot?: boolean };
    }[];
    const human = members.find((m) => !m.user.bot)!;
    const far = await post(text.id, human.user.id, '!about');
    await until(
      'both replies',
      async () =>
        (await repliesTo(DEMO.channels.general, demo.id)).length === 1 &&
        (await repliesTo(text.id, far.id)).length === 1,
    );
    const [s0, s1] = [await shardStub(0, 2).status(), await shardStub(1, 2).status()];
    expect(s0?.metrics.commands).toBe(1);
    expect(s1?.metrics.commands).toBe(1);
  });
});
