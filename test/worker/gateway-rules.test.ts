import { GatewayIntentBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { clustersOf } from '../../worker/commands/shards/clusters';
import { latencyBar } from '../../worker/commands/shards/monitor-views';
import { backoffMs, closeAction } from '../../worker/gateway/close-policy';
import { decideIdentify, type GatewayInfo } from '../../worker/gateway/gateway-info';
import { gatewayIntents, shardOf } from '../../worker/gateway/intents';
import { shardHealth } from '../../worker/gateway/shard-health';
import {
  freshMetrics,
  markDown,
  markUp,
  recordLatency,
  uptimePercent,
} from '../../worker/gateway/shard-metrics';

const info = (maxConcurrency = 1): GatewayInfo => ({
  url: 'ws://gateway',
  recommendedShards: 4,
  sessionStartLimit: { total: 1000, remaining: 1000, resetAfter: 86_400_000, maxConcurrency },
  fetchedAt: 0,
});

describe('gateway rules', () => {
  it('classifies every close code as Discord documents it', () => {
    for (const code of [4004, 4010, 4011, 4012, 4013, 4014]) expect(closeAction(code)).toBe('fatal');
    for (const code of [4003, 4005, 4007, 4009]) expect(closeAction(code)).toBe('identify');
    for (const code of [1000, 1001, 1006, 4000, 4001, 4002, 4008]) expect(closeAction(code)).toBe('resume');
  });

  it('backs off exponentially with jitter, capped at a minute', () => {
    expect(backoffMs(1, 0)).toBe(500);
    expect(backoffMs(1, 1)).toBe(1500);
    expect(backoffMs(4, 0.5)).toBe(8000);
    expect(backoffMs(30, 0.99)).toBeLessThanOrEqual(90_000);
  });

  it('spaces identifies 5.5 s apart per max_concurrency bucket and never spends the last session start', () => {
    const ledger = { lastGrant: {}, remaining: 2, resetAt: 10_000_000 };
    const first = decideIdentify(0, info(2), ledger, 1000, 0);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // Shard 1 is in the other bucket: it may go at once. Shard 2 shares shard 0's bucket: it waits.
    expect(decideIdentify(1, info(2), first.ledger, 1000, 0).ok).toBe(true);
    const early = decideIdentify(2, info(2), first.ledger, 3000, 0);
    expect(early).toMatchObject({ ok: false, waitMs: 3500 });
    expect(decideIdentify(2, info(2), first.ledger, 6000, 0).ok).toBe(false);
    const later = decideIdentify(2, info(2), first.ledger, 6500, 0);
    expect(later.ok).toBe(true);
    if (!later.ok) return;
    const spent = decideIdentify(3, info(2), later.ledger, 20_000, 0);
    expect(spent).toMatchObject({ ok: false, reason: expect.stringContaining('budget') });
    expect(spent.ok === false && spent.waitMs).toBe(10_000_000 - 20_000);
  });

  it('asks for the privileged intents only when configured', () => {
    const base = { enabled: true, shardCount: null, shardsPerCluster: 4, alertThreshold: 3 };
    const full = gatewayIntents({ ...base, messageContent: true, membersIntent: true });
    expect(full & GatewayIntentBits.MessageContent).toBeTruthy();
    expect(full & GatewayIntentBits.GuildMembers).toBeTruthy();
    const lean = gatewayIntents({ ...base, messageContent: false, membersIntent: false });
    expect(lean & GatewayIntentBits.MessageContent).toBe(0);
    expect(lean & GatewayIntentBits.GuildMembers).toBe(0);
    // Mentions still arrive with their content: the intents that carry messages are always there.
    expect(lean & GatewayIntentBits.GuildMessages).toBeTruthy();
  });

  it('routes a guild to its shard by (id >> 22) % count', () => {
    const id = ((123n << 22n) | 77n).toString();
    expect(shardOf(id, 4)).toBe(3);
    expect(shardOf(id, 1)).toBe(0);
  });

  it('judges health with the configured threshold, first rule first', () => {
    const now = 1_000_000;
    const m = freshMetrics(0, 1, now - 600_000);
    expect(shardHealth(m, 3, now)).toMatchObject({ level: 'critical', reason: 'Currently disconnected' });
    markUp(m, now - 500_000);
    m.lastEventAt = now - 1000;
    expect(shardHealth(m, 3, now)).toEqual({ level: 'healthy', reason: 'Healthy' });
    markDown(m, 4000, now - 30_000);
    markUp(m, now - 29_000);
    expect(shardHealth(m, 3, now)).toEqual({ level: 'warning', reason: 'Recently disconnected' });
    m.consecutiveFailures = 3;
    expect(shardHealth(m, 3, now).reason).toBe('3 consecutive failures');
    expect(shardHealth(m, 5, now).reason).toBe('Recently disconnected');
    for (let i = 0; i < 10; i++) recordLatency(m, 1500);
    expect(shardHealth(m, 3, now)).toEqual({ level: 'warning', reason: 'High latency: 1500 ms' });
    m.fatal = 'the bot token was refused (4004): check DISCORD_TOKEN';
    expect(shardHealth(m, 3, now).level).toBe('critical');
  });

  it('counts downtime into uptime, including an open disconnect', () => {
    const m = freshMetrics(0, 1, 0);
    markUp(m, 0);
    markDown(m, 1006, 60_000);
    expect(uptimePercent(m, 100_000)).toBeCloseTo(60, 5);
    markUp(m, 80_000);
    expect(uptimePercent(m, 100_000)).toBeCloseTo(80, 5);
  });

  it('draws latency bars and groups shards into clusters', () => {
    expect(latencyBar(45)).toBe('█████');
    expect(latencyBar(300)).toBe('▓'.repeat(20));
    expect(latencyBar(900)).toBe('░'.repeat(20));
    expect(latencyBar(1)).toBe('█');
    const report = (shardId: number) => ({
      metrics: freshMetrics(shardId, 6, 0),
      reportedAt: 0,
      connected: true,
      sessionId: null,
      seq: null,
    });
    const groups = clustersOf([0, 1, 2, 3, 4, 5].map(report), 4);
    expect(groups.map((g) => g.map((r) => r.metrics.shardId))).toEqual([
      [0, 1, 2, 3],
      [4, 5],
    ]);
  });
});
