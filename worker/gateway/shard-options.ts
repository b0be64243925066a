import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import type { DispatchInfo } from './hook-events';
import type { ShardMetrics } from './shard-metrics';

/** What survives an eviction or a deploy: enough to resume instead of identifying again. */
export interface StoredSession {
  id: string;
  resumeUrl: string;
  seq: number | null;
}

export interface ShardPersistence {
  loadSession(): Promise<StoredSession | null>;
  saveSession(session: StoredSession | null): Promise<void>;
  saveMetrics(metrics: ShardMetrics): Promise<void>;
}

export type IdentifySlot =
  | { ok: true; remaining: number | null }
  | { ok: false; waitMs: number; reason: string };

export interface ShardOptions {
  shardId: number;
  shardCount: number;
  token: string;
  intents: number;
  /** Where to identify: `GET /gateway/bot`'s url (resumes use the session's own URL). */
  gatewayUrl(): Promise<string>;
  /** Asks the coordinator for an identify slot (max_concurrency buckets, the daily session budget). */
  acquireIdentify(): Promise<IdentifySlot>;
  persistence: ShardPersistence;
  /** Every dispatch after the shard's own bookkeeping (READY, MESSAGE_CREATE, …), with what it meant. */
  onDispatch(event: GatewayDispatchPayload, info: DispatchInfo): void;
  metrics?: ShardMetrics;
  now?: () => number;
  random?: () => number;
}
