import { latencyStats, type ShardMetrics } from './shard-metrics';

export type HealthLevel = 'healthy' | 'warning' | 'critical';

export interface ShardHealth {
  level: HealthLevel;
  reason: string;
}

export const HEALTH_EMOJI: Record<HealthLevel, string> = { healthy: '🟢', warning: '🟡', critical: '🔴' };

/** No event for this long means the shard has gone quiet (Discord sends at least heartbeat ACKs). */
const QUIET_MS = 5 * 60_000;
const RECENT_DISCONNECT_MS = 60_000;

/**
 * The health rules, first match wins: stopped → critical; average latency over 1 s; no activity for 5
 * minutes; `threshold` failures in a row; disconnected now; disconnected in the last minute. Critical when
 * latency is over 2 s, failures reach `threshold + 2` or the shard is down; otherwise a warning. The level
 * uses the configured threshold (not a fixed one).
 */
export function shardHealth(m: ShardMetrics, threshold: number, now: number): ShardHealth {
  if (m.fatal) return { level: 'critical', reason: `Stopped: ${m.fatal}` };
  const avg = latencyStats(m).average;
  const down = m.downSince !== null;
  const critical = (avg ?? 0) > 2000 || m.consecutiveFailures >= threshold + 2 || down;
  const level: HealthLevel = critical ? 'critical' : 'warning';
  if (avg !== null && avg > 1000) return { level, reason: `High latency: ${avg} ms` };
  if (m.lastEventAt !== null && now - m.lastEventAt > QUIET_MS)
    return { level, reason: `No activity for ${Math.floor((now - m.lastEventAt) / 60_000)} minutes` };
  if (m.consecutiveFailures >= threshold)
    return { level, reason: `${m.consecutiveFailures} consecutive failures` };
  if (down)
    return { level, reason: m.state === 'waiting' ? 'Disconnected, reconnecting' : 'Currently disconnected' };
  if (m.lastDisconnectAt !== null && now - m.lastDisconnectAt < RECENT_DISCONNECT_MS)
    return { level: 'warning', reason: 'Recently disconnected' };
  return { level: 'healthy', reason: 'Healthy' };
}
