import { DurableObject } from 'cloudflare:workers';
import {
  ActivityType,
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  type GatewayMessageCreateDispatchData,
  GatewayOpcodes,
} from 'discord-api-types/v10';
import { registryFactory } from '../worker/app';
import { commands, components, extensions } from '../worker/commands';
import { type Config, loadConfig } from '../worker/config';
import type { Env } from '../worker/env';
import type { Services } from '../worker/framework/context';
import { handleMessage } from '../worker/framework/prefix/handle-message';
import { CachedGuildSettings } from '../worker/gateway/cached-settings';
import { type BusEvent, type DispatchInfo, hookEventOf } from '../worker/gateway/hook-events';
import { gatewayIntents } from '../worker/gateway/intents';
import { ShardConnection, type StoredSession } from '../worker/gateway/shard-connection';
import { freshMetrics, recordError, type ShardMetrics } from '../worker/gateway/shard-metrics';
import { emitEvent } from '../worker/hooks/emit';
import { createServices } from '../worker/services';
import type { ShardReport } from './gateway-coordinator';

/** Keep-alive and watchdog: an outbound socket pins the object for 15 minutes at most; an alarm is an event. */
export const SHARD_ALARM_MS = 40_000;
/** Claimed message ids are kept this long: longer than any resume replay can reach back. */
const CLAIM_TTL_MS = 15 * 60_000;

const registryFor = registryFactory({ commands, components, extensions });

export type ShardStatus = Omit<ShardReport, 'reportedAt'>;

/**
 * One gateway shard: holds its connection, runs prefix and @mention commands from MESSAGE_CREATE with the
 * same command definitions as slash commands, and keeps its health record. Named `shard:<id>/<count>`.
 * Session, sequence and metrics live in storage, so an eviction or a deploy ends in a resume.
 */
export class GatewayShard extends DurableObject<Env> {
  private connection: ShardConnection | null = null;
  private settings: CachedGuildSettings | null = null;
  private services: Services | null = null;
  private loading: Promise<ShardConnection | null> | null = null;

  private config(): Config | null {
    const loaded = loadConfig(this.env);
    return loaded.ok ? loaded.config : null;
  }

  private coordinator() {
    return this.env.GATEWAY_COORDINATOR.get(this.env.GATEWAY_COORDINATOR.idFromName('coordinator'));
  }

  /** The connection, rebuilt from storage after an eviction (which it counts). */
  private async load(): Promise<ShardConnection | null> {
    if (this.connection) return this.connection;
    this.loading ??= this.build();
    return this.loading;
  }

  private async build(): Promise<ShardConnection | null> {
    const config = this.config();
    const placement = await this.ctx.storage.get<{ shardId: number; shardCount: number }>('placement');
    if (!config || !placement) return null;
    const { shardId, shardCount } = placement;
    const stored = await this.ctx.storage.get<ShardMetrics>('metrics');
    const metrics = { ...freshMetrics(shardId, shardCount, Date.now()), ...stored };
    if (stored && ['ready', 'identifying', 'resuming'].includes(stored.state)) {
      // The object was evicted (or the code redeployed) while connected.
      metrics.evictionsDetected++;
      metrics.state = 'waiting';
      metrics.downSince ??= Date.now();
    }
    const coordinator = this.coordinator();
    this.connection = new ShardConnection({
      shardId,
      shardCount,
      token: config.token,
      intents: gatewayIntents(config.gateway),
      metrics,
      gatewayUrl: () => coordinator.gatewayUrl(),
      acquireIdentify: () => coordinator.acquireIdentify(shardId),
      persistence: {
        loadSession: async () => (await this.ctx.storage.get<StoredSession>('session')) ?? null,
        saveSession: async (s) => {
          metrics.storageWrites++;
          if (s) await this.ctx.storage.put('session', s);
          else await this.ctx.storage.delete('session');
        },
        saveMetrics: async (m) => {
          await this.saveMetrics(m);
          await this.reportTo(coordinator);
        },
      },
      onDispatch: (event, info) => this.onDispatch(event, info, config),
    });
    this.loading = null;
    return this.connection;
  }

  private async saveMetrics(metrics: ShardMetrics) {
    metrics.storageWrites++;
    await this.ctx.storage.put('metrics', metrics);
  }

  private async reportTo(coordinator = this.coordinator()) {
    const status = this.snapshot();
    if (status) await coordinator.report(status).catch(() => undefined);
  }

  private snapshot(): ShardStatus | null {
    const c = this.connection;
    if (!c) return null;
    return {
      metrics: structuredClone(c.metrics),
      connected: c.connected,
      sessionId: c.sessionId,
      seq: c.seq,
    };
  }

  /** Stores where this shard sits and connects if it is not connected (idempotent: cron calls it). */
  async ensure(shardId: number, shardCount: number): Promise<ShardStatus | null> {
    const placement = await this.ctx.storage.get<{ shardId: number; shardCount: number }>('placement');
    if (!placement || placement.shardId !== shardId || placement.shardCount !== shardCount) {
      await this.ctx.storage.put('placement', { shardId, shardCount });
      await this.ctx.storage.delete(['metrics', 'session', 'stopped']);
      this.connection = null;
    }
    const wasStopped = await this.ctx.storage.delete('stopped');
    const connection = await this.load();
    if (wasStopped) connection?.unstop();
    await connection?.start();
    if (!(await this.ctx.storage.getAlarm())) await this.ctx.storage.setAlarm(Date.now() + SHARD_ALARM_MS);
    return this.snapshot();
  }

  async status(): Promise<ShardStatus | null> {
    await this.load();
    return this.snapshot();
  }

  /** Closes the session for good (resharding, tests); `ensure` starts it again. */
  async stop(): Promise<void> {
    const connection = await this.load();
    await connection?.stop();
    await this.ctx.storage.put('stopped', true);
    await this.ctx.storage.deleteAlarm();
    if (connection) await this.ctx.storage.put('metrics', connection.metrics);
  }

  /** Fresh metrics; a shard stopped by a fatal close tries again (after the configuration was fixed). */
  async reset(): Promise<ShardStatus | null> {
    const connection = await this.load();
    if (!connection) return null;
    const fresh = freshMetrics(connection.metrics.shardId, connection.metrics.shardCount, Date.now());
    if (connection.connected) {
      fresh.downSince = null;
      fresh.state = connection.metrics.state;
      fresh.guilds = connection.metrics.guilds;
    }
    Object.assign(connection.metrics, fresh);
    connection.resetFatal();
    await this.ctx.storage.put('metrics', connection.metrics);
    await connection.start();
    if (!(await this.ctx.storage.getAlarm())) await this.ctx.storage.setAlarm(Date.now() + SHARD_ALARM_MS);
    return this.snapshot();
  }

  async invalidatePrefix(guildId: string): Promise<void> {
    this.settings?.invalidate(guildId);
  }

  /** A broadcast from `/broadcastmsg`: shown as the bot's status on this shard's connection. */
  async broadcast(text: string, authorId: string): Promise<boolean> {
    const connection = await this.load();
    if (!connection?.connected) return false;
    const sent = connection.sendPayload({
      op: GatewayOpcodes.PresenceUpdate,
      d: {
        since: null,
        activities: [{ name: 'Custom Status', type: ActivityType.Custom, state: `📢 ${text}`.slice(0, 128) }],
        status: 'online',
        afk: false,
      },
    });
    if (sent) {
      connection.metrics.lastEventAt = Date.now();
      connection.metrics.lastEventType = `BROADCAST by ${authorId}`;
    }
    return sent;
  }

  override async alarm(): Promise<void> {
    try {
      if (await this.ctx.storage.get<boolean>('stopped')) return;
      const connection = await this.load();
      if (!connection) return;
      await connection.watchdog();
      await this.pruneClaims();
      await this.saveMetrics(connection.metrics);
      await this.reportTo();
    } finally {
      if (!(await this.ctx.storage.get<boolean>('stopped')))
        await this.ctx.storage.setAlarm(Date.now() + SHARD_ALARM_MS);
    }
  }

  private onDispatch(event: GatewayDispatchPayload, info: DispatchInfo, config: Config) {
    const hook = hookEventOf(event, info);
    if (hook) this.ctx.waitUntil(this.emitHook(hook, info.dispatchId));
    if (event.t !== GatewayDispatchEvents.MessageCreate) return;
    this.ctx.waitUntil(this.onMessage(event.d, config));
  }

  /**
   * Hands a gateway event to the event bus (enqueued; the handlers run in the queue consumer). The event id
   * is the dispatch's session and sequence: a dispatch replayed after a resume does not run handlers twice.
   */
  private async emitHook(hook: BusEvent, dispatchId: string | null) {
    try {
      await emitEvent(this.env, hook.event, hook.payload, dispatchId ? { eventId: `gw:${dispatchId}` } : {});
    } catch (error) {
      if (this.connection)
        recordError(this.connection.metrics, `hook ${hook.event}: ${String(error)}`, Date.now());
    }
  }

  private async onMessage(message: GatewayMessageCreateDispatchData, config: Config) {
    const connection = this.connection;
    if (!connection?.bot) return;
    const services = this.servicesFor(config);
    try {
      const outcome = await handleMessage(services, message, connection.bot, {
        claim: (id) => this.claim(id),
      });
      if (['ran', 'info-card', 'slash-only', 'group-help'].includes(outcome)) connection.metrics.commands++;
    } catch (error) {
      recordError(connection.metrics, `message ${message.id}: ${String(error)}`, Date.now());
    }
  }

  /** One set of services per object (a REST client, D1, the cached settings), reused by every message. */
  private servicesFor(config: Config): Services {
    if (!this.services) {
      const base = createServices(this.env, config, registryFor(config), (work) => this.ctx.waitUntil(work));
      this.settings = new CachedGuildSettings(base.db, config);
      this.services = { ...base, settings: this.settings };
    }
    return this.services;
  }

  /** True the first time a message id is seen: a command never runs twice after a resume replays it. */
  private async claim(messageId: string): Promise<boolean> {
    const key = `claim:${messageId}`;
    if (await this.ctx.storage.get(key)) return false;
    await this.ctx.storage.put(key, Date.now());
    if (this.connection) this.connection.metrics.storageWrites++;
    return true;
  }

  private async pruneClaims() {
    const claims = await this.ctx.storage.list<number>({ prefix: 'claim:' });
    const old = [...claims].filter(([, at]) => Date.now() - at > CLAIM_TTL_MS).map(([k]) => k);
    for (let i = 0; i < old.length; i += 128) await this.ctx.storage.delete(old.slice(i, i + 128));
  }
}
