import { describe, expect, it } from 'vitest';
import { ShardConnection } from '../../worker/gateway/shard-connection';

/** A shard whose gateway cannot be reached, on a clock that never moves (as a Worker's between I/O). */
function unreachableShard() {
  let attempts = 0;
  const shard = new ShardConnection({
    shardId: 0,
    shardCount: 1,
    token: 'token',
    intents: 0,
    gatewayUrl: async () => {
      attempts++;
      throw new Error('unreachable');
    },
    acquireIdentify: async () => ({ ok: true, remaining: null }),
    persistence: { loadSession: async () => null, saveSession: async () => {}, saveMetrics: async () => {} },
    onDispatch: () => {},
    now: () => 1_000_000,
    // backoffMs(1, 0) = 500 ms
    random: () => 0,
  });
  return { shard, attempts: () => attempts };
}

describe('shard reconnect timers', () => {
  it('connects again when its timer fires, even if the clock reads before the planned attempt', async () => {
    const { shard, attempts } = unreachableShard();
    await shard.start();
    expect(attempts()).toBe(1);
    expect(shard.nextAttemptAt).toBe(1_000_500);
    // Not yet: anything else that asks (the alarm's watchdog) waits for the planned time.
    await shard.start();
    expect(attempts()).toBe(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(attempts()).toBe(2);
    await shard.stop();
  });
});
