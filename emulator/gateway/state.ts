import { WebSocketServer } from 'ws';
import { ControlError } from '../http';
import { DEFAULT_GATEWAY_CONFIG, type GatewayConfig, type GatewayConfigPatch } from './config';
import type { CloseRecord, GatewayConnection } from './connection';
import type { GatewaySession } from './session';

export type AckMode = { mode: 'normal' } | { mode: 'drop' } | { mode: 'delay'; ms: number };

export interface IdentifyRecord {
  shard: [number, number] | null;
  at: number;
  accepted: boolean;
  /** `ready`, `concurrency` (op 9 sent) or `close <code>`. */
  outcome: string;
}

export interface UpgradeFailure {
  status: number;
  retryAfter?: number;
}

/** `session_start_limit.reset_after` counts down from this when the budget is (re)filled. */
const SESSION_START_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Ack mode key that applies to every shard without its own. */
const ALL_SHARDS = -1;

/**
 * Everything the gateway remembers: config, sessions, open connections, logs, the session-start budget, identify
 * concurrency, injected faults. One per emulator; `reset()` closes every connection and forgets it all.
 */
export class GatewayState {
  config: GatewayConfig;
  readonly sessions = new Map<string, GatewaySession>();
  readonly connections = new Set<GatewayConnection>();
  identifyLog: IdentifyRecord[] = [];
  closeLog: CloseRecord[] = [];
  /** Next handshakes answered with an HTTP error instead of 101, in order. */
  upgradeFailures: UpgradeFailure[] = [];
  /** Rate-limit key (`shard_id % max_concurrency`) → when an identify with that key was last accepted. */
  readonly lastIdentifyAt = new Map<number, number>();
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  private remaining: number;
  private budgetResetAt: number;
  private readonly ackModes = new Map<number, AckMode>();
  private nextConnectionId = 1;

  constructor(private readonly defaults: GatewayConfig = DEFAULT_GATEWAY_CONFIG) {
    this.config = { ...defaults };
    this.remaining = Math.min(defaults.sessionStartRemaining, defaults.sessionStartTotal);
    this.config.sessionStartRemaining = this.remaining;
    this.budgetResetAt = Date.now() + SESSION_START_WINDOW_MS;
  }

  newConnectionId(): number {
    return this.nextConnectionId++;
  }

  /** Applies a validated patch; `sessionStartRemaining` above the total is a 400. */
  applyConfig(patch: GatewayConfigPatch): GatewayConfig {
    const next = { ...this.config, ...patch };
    const remaining = patch.sessionStartRemaining ?? Math.min(this.remaining, next.sessionStartTotal);
    if (remaining > next.sessionStartTotal) {
      throw new ControlError(400, 'sessionStartRemaining must not be above sessionStartTotal');
    }
    this.config = next;
    this.remaining = remaining;
    this.config.sessionStartRemaining = remaining;
    return this.config;
  }

  /** `session_start_limit` as `GET /gateway/bot` answers it. */
  sessionStartLimit(now = Date.now()) {
    this.refillIfDue(now);
    return {
      total: this.config.sessionStartTotal,
      remaining: this.remaining,
      reset_after: Math.max(0, this.budgetResetAt - now),
      max_concurrency: this.config.maxConcurrency,
    };
  }

  /** Uses one session start; false when none is left. */
  takeSessionStart(now = Date.now()): boolean {
    this.refillIfDue(now);
    if (this.remaining <= 0) return false;
    this.remaining -= 1;
    this.config.sessionStartRemaining = this.remaining;
    return true;
  }

  setAckMode(shardId: number | undefined, mode: AckMode): void {
    this.ackModes.set(shardId ?? ALL_SHARDS, mode);
  }

  ackModeFor(shardId: number | undefined): AckMode {
    return (
      (shardId !== undefined ? this.ackModes.get(shardId) : undefined) ??
      this.ackModes.get(ALL_SHARDS) ?? { mode: 'normal' }
    );
  }

  ackModesView(): Record<string, AckMode> {
    const view: Record<string, AckMode> = {};
    for (const [shard, mode] of this.ackModes) view[shard === ALL_SHARDS ? '*' : String(shard)] = mode;
    return view;
  }

  /** The session the control API means by `{shard}` (the connected one, else the newest) or `{session_id}`. */
  findSession(target: { shard?: number | undefined; session_id?: string | undefined }) {
    if (target.session_id !== undefined) return this.sessions.get(target.session_id);
    const onShard = [...this.sessions.values()].filter((s) => s.shard[0] === target.shard);
    return onShard.findLast((s) => s.connection !== undefined) ?? onShard.at(-1);
  }

  /** Accepted identifies so far for a shard id (since the last reset). */
  identifiesFor(shardId: number): number {
    return this.identifyLog.filter((r) => r.accepted && r.shard?.[0] === shardId).length;
  }

  /** Closes every connection with 4000 (clients reconnect; their sessions are gone) and restores the defaults. */
  reset(): void {
    for (const connection of this.connections) connection.close(4000, 'emulator reset');
    this.connections.clear();
    this.sessions.clear();
    this.identifyLog = [];
    this.closeLog = [];
    this.upgradeFailures = [];
    this.lastIdentifyAt.clear();
    this.ackModes.clear();
    this.config = { ...this.defaults };
    this.remaining = Math.min(this.defaults.sessionStartRemaining, this.defaults.sessionStartTotal);
    this.config.sessionStartRemaining = this.remaining;
    this.budgetResetAt = Date.now() + SESSION_START_WINDOW_MS;
  }

  /** Destroys every socket and stops the WebSocket server (emulator shutdown). */
  close(): Promise<void> {
    for (const connection of this.connections) connection.terminate();
    this.connections.clear();
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private refillIfDue(now: number): void {
    if (now < this.budgetResetAt) return;
    this.remaining = this.config.sessionStartTotal;
    this.config.sessionStartRemaining = this.remaining;
    this.budgetResetAt = now + SESSION_START_WINDOW_MS;
  }
}
