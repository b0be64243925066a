import { DurableObject } from 'cloudflare:workers';
import { Routes } from 'discord-api-types/v10';
import { type Config, loadConfig } from '../worker/config';
import type { Env } from '../worker/env';
import { shardAlertEmbed } from '../worker/gateway/alerts';
import {
  decideIdentify,
  fetchGatewayInfo,
  type GatewayInfo,
  type IdentifyLedger,
} from '../worker/gateway/gateway-info';
import { shardObjectName, shardOf } from '../worker/gateway/intents';
import type { IdentifySlot } from '../worker/gateway/shard-connection';
import { shardHealth } from '../worker/gateway/shard-health';
import type { ShardMetrics } from '../worker/gateway/shard-metrics';
import { createRest } from '../worker/services';

/** `/gateway/bot` is re-read after this long (and before identifying when older). */
const INFO_MAX_AGE_MS = 60_000;
/** Health is checked, and alerts sent, this often while shards run. */
const HEALTH_EVERY_MS = 60_000;
/** At most one alert message per this long. */
const ALERT_EVERY_MS = 5 * 60_000;

export interface ShardReport {
  metrics: ShardMetrics;
  reportedAt: number;
  connected: boolean;
  sessionId: string | null;
  seq: number | null;
}

export interface AlertConfig {
  channelId: string | null;
  threshold: number;
}

/**
 * The one coordinator of the gateway shards: it knows the shard count, hands out identify slots
 * (`max_concurrency` buckets every 5 s, within the daily session budget), starts every shard, collects
 * their reports for the monitor and cluster commands, sends health alerts, relays broadcasts and
 * prefix invalidations. The Workers version of a cluster manager: no sockets between processes.
 */
export class GatewayCoordinator extends DurableObject<Env> {
  private info: GatewayInfo | null = null;

  private config(): Config {
    const loaded = loadConfig(this.env);
    if (!loaded.ok) throw new Error('Edgeward configuration problem: see the worker log');
    return loaded.config;
  }

  async gatewayInfo(maxAgeMs = INFO_MAX_AGE_MS): Promise<GatewayInfo> {
    if (this.info && Date.now() - this.info.fetchedAt < maxAgeMs) return this.info;
    this.info = await fetchGatewayInfo(createRest(this.config()));
    const ledger = await this.ledger();
    // Discord's count is the truth; the ledger only counts grants between reads.
    await this.ctx.storage.put<IdentifyLedger>('ledger', {
      ...ledger,
      remaining: this.info.sessionStartLimit.remaining,
      resetAt: this.info.fetchedAt + this.info.sessionStartLimit.resetAfter,
    });
    return this.info;
  }

  async gatewayUrl(): Promise<string> {
    return (await this.gatewayInfo()).url;
  }

  /** The configured `SHARD_COUNT`, else Discord's recommendation. */
  async shardCount(): Promise<number> {
    return this.config().gateway.shardCount ?? (await this.gatewayInfo()).recommendedShards;
  }

  private async ledger(): Promise<IdentifyLedger> {
    return (
      (await this.ctx.storage.get<IdentifyLedger>('ledger')) ?? { lastGrant: {}, remaining: 1, resetAt: 0 }
    );
  }

  async acquireIdentify(shardId: number): Promise<IdentifySlot> {
    const info = await this.gatewayInfo();
    const decision = decideIdentify(shardId, info, await this.ledger(), Date.now());
    if (!decision.ok) return decision;
    await this.ctx.storage.put('ledger', decision.ledger);
    await this.logIdentify(shardId);
    return { ok: true, remaining: decision.remaining };
  }

  private async logIdentify(shardId: number) {
    const log = (await this.ctx.storage.get<{ shard: number; at: number }[]>('identifies')) ?? [];
    log.push({ shard: shardId, at: Date.now() });
    await this.ctx.storage.put('identifies', log.slice(-50));
  }

  async identifyLog(): Promise<{ shard: number; at: number }[]> {
    return (await this.ctx.storage.get<{ shard: number; at: number }[]>('identifies')) ?? [];
  }

  private shard(shardId: number, shardCount: number) {
    return this.env.GATEWAY_SHARD.get(
      this.env.GATEWAY_SHARD.idFromName(shardObjectName(shardId, shardCount)),
    );
  }

  /** Makes sure every shard object runs (cron, first request after a deploy, tests). */
  async ensureShards(): Promise<{ shardCount: number }> {
    // A fresh read: the recommendation and the session budget may have changed since the last run.
    await this.gatewayInfo(0);
    const count = await this.shardCount();
    const previous = await this.ctx.storage.get<number>('shardCount');
    if (previous !== undefined && previous !== count) {
      // Resharded: the old objects stop, so that no guild is served twice.
      await Promise.all(
        Array.from({ length: previous }, (_, i) =>
          this.shard(i, previous)
            .stop()
            .catch(() => undefined),
        ),
      );
      await this.ctx.storage.delete(Array.from({ length: previous }, (_, i) => `report:${i}`));
    }
    await this.ctx.storage.put('shardCount', count);
    await Promise.all(Array.from({ length: count }, (_, i) => this.shard(i, count).ensure(i, count)));
    if (!(await this.ctx.storage.getAlarm())) await this.ctx.storage.setAlarm(Date.now() + HEALTH_EVERY_MS);
    return { shardCount: count };
  }

  async knownShardCount(): Promise<number | null> {
    return (await this.ctx.storage.get<number>('shardCount')) ?? null;
  }

  /** A shard's periodic report (its alarm, READY, a fatal stop). */
  async report(report: Omit<ShardReport, 'reportedAt'>): Promise<void> {
    await this.ctx.storage.put(`report:${report.metrics.shardId}`, { ...report, reportedAt: Date.now() });
  }

  async reports(): Promise<ShardReport[]> {
    const count = await this.knownShardCount();
    const all = await this.ctx.storage.list<ShardReport>({ prefix: 'report:' });
    return [...all.values()]
      .filter((r) => count === null || r.metrics.shardCount === count)
      .sort((a, b) => a.metrics.shardId - b.metrics.shardId);
  }

  /** Fresh reports straight from every shard (the monitor's Refresh). */
  async collect(): Promise<ShardReport[]> {
    const count = await this.knownShardCount();
    if (count === null) return [];
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const status = await this.shard(i, count)
          .status()
          .catch(() => null);
        if (status) await this.report(status);
      }),
    );
    return this.reports();
  }

  async alertConfig(): Promise<AlertConfig> {
    return (
      (await this.ctx.storage.get<AlertConfig>('alerts')) ?? {
        channelId: null,
        threshold: this.config().gateway.alertThreshold,
      }
    );
  }

  async setAlertConfig(config: AlertConfig): Promise<void> {
    await this.ctx.storage.put('alerts', config);
  }

  /** Resets one shard's metrics (or every shard's) and restarts a stopped one. */
  async resetShards(shardId: number | null): Promise<number[]> {
    const count = await this.knownShardCount();
    if (count === null) return [];
    const ids = shardId === null ? Array.from({ length: count }, (_, i) => i) : [shardId];
    await Promise.all(
      ids.map(async (i) => {
        const status = await this.shard(i, count).reset();
        if (status) await this.report(status);
      }),
    );
    return ids;
  }

  /** Delivers a message to every shard; each sets it as the bot's status on its connection. */
  async broadcast(text: string, authorId: string): Promise<{ delivered: number; total: number }> {
    const count = await this.knownShardCount();
    if (count === null) return { delivered: 0, total: 0 };
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        this.shard(i, count)
          .broadcast(text, authorId)
          .catch(() => false),
      ),
    );
    return { delivered: results.filter(Boolean).length, total: count };
  }

  /** `/setprefix` and `/mentionprefix` changed a guild's settings: the shard holding it drops its cache. */
  async invalidatePrefix(guildId: string): Promise<void> {
    const count = await this.knownShardCount();
    if (count === null) return;
    await this.shard(shardOf(guildId, count), count)
      .invalidatePrefix(guildId)
      .catch(() => undefined);
  }

  /** Health check and alerts, every minute while shards run. */
  override async alarm(): Promise<void> {
    try {
      await this.checkHealth();
    } finally {
      if ((await this.knownShardCount()) !== null)
        await this.ctx.storage.setAlarm(Date.now() + HEALTH_EVERY_MS);
    }
  }

  async checkHealth(now = Date.now()): Promise<{ alerted: boolean; unhealthy: number }> {
    const alerts = await this.alertConfig();
    const unhealthy = (await this.reports())
      .map((r) => ({ report: r, health: shardHealth(r.metrics, alerts.threshold, now) }))
      .filter((x) => x.health.level !== 'healthy');
    if (!unhealthy.length || !alerts.channelId) return { alerted: false, unhealthy: unhealthy.length };
    const last = (await this.ctx.storage.get<number>('lastAlertAt')) ?? 0;
    if (now - last < ALERT_EVERY_MS) return { alerted: false, unhealthy: unhealthy.length };
    await this.ctx.storage.put('lastAlertAt', now);
    await createRest(this.config()).post(Routes.channelMessages(alerts.channelId), {
      body: { embeds: [shardAlertEmbed(unhealthy, now)], allowed_mentions: { parse: [] } },
    });
    return { alerted: true, unhealthy: unhealthy.length };
  }
}
