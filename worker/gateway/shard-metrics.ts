/** How many heartbeat round trips a shard keeps (about 80 minutes at Discord's 41.25 s interval). */
export const LATENCY_SAMPLES = 120;

/**
 * One shard's health record: what the monitor shows and the health rules read. Plain JSON, persisted by the
 * shard object on its alarm (coalesced, not per event) and reported to the coordinator.
 */
export interface ShardMetrics {
  shardId: number;
  shardCount: number;
  /** connecting | identifying | resuming | ready | waiting (backoff or identify slot) | stopped (fatal) */
  state: string;
  /** When this record started (first start or the last reset), ms. */
  since: number;
  /** Heartbeat send → ACK, ms, newest last. */
  latencies: number[];
  connects: number;
  disconnects: number;
  /** Close code → count. */
  closeCodes: Record<string, number>;
  identifies: number;
  resumes: number;
  zombieKills: number;
  invalidSessions: number;
  reconnectRequests: number;
  evictionsDetected: number;
  messages: number;
  commands: number;
  guildsJoined: number;
  guildsLeft: number;
  guilds: number;
  lastEventAt: number | null;
  lastEventType: string | null;
  lastError: { at: number; message: string } | null;
  errors: number;
  /** Failed connection attempts in a row; back to 0 on READY or RESUMED. */
  consecutiveFailures: number;
  lastConnectAt: number | null;
  lastDisconnectAt: number | null;
  /** Open disconnect window: since when the shard has been down (null while connected). */
  downSince: number | null;
  /** Closed disconnect windows, summed, ms. */
  downtimeMs: number;
  /** Why the shard stopped for good (fatal close), if it did. */
  fatal: string | null;
  sessionStartsRemaining: number | null;
  /** Durable Object storage writes made by the shard (claims, session, sequence, metrics). */
  storageWrites: number;
}

export function freshMetrics(shardId: number, shardCount: number, now: number): ShardMetrics {
  return {
    shardId,
    shardCount,
    state: 'connecting',
    since: now,
    latencies: [],
    connects: 0,
    disconnects: 0,
    closeCodes: {},
    identifies: 0,
    resumes: 0,
    zombieKills: 0,
    invalidSessions: 0,
    reconnectRequests: 0,
    evictionsDetected: 0,
    messages: 0,
    commands: 0,
    guildsJoined: 0,
    guildsLeft: 0,
    guilds: 0,
    lastEventAt: null,
    lastEventType: null,
    lastError: null,
    errors: 0,
    consecutiveFailures: 0,
    lastConnectAt: null,
    lastDisconnectAt: null,
    downSince: now,
    downtimeMs: 0,
    fatal: null,
    sessionStartsRemaining: null,
    storageWrites: 0,
  };
}

export function recordLatency(m: ShardMetrics, ms: number) {
  m.latencies.push(Math.max(0, Math.round(ms)));
  if (m.latencies.length > LATENCY_SAMPLES) m.latencies.splice(0, m.latencies.length - LATENCY_SAMPLES);
}

export function recordError(m: ShardMetrics, message: string, now: number) {
  m.errors++;
  m.lastError = { at: now, message: message.slice(0, 500) };
}

/** The connection is up and the session works (READY or RESUMED): close the downtime window. */
export function markUp(m: ShardMetrics, now: number) {
  if (m.downSince !== null) m.downtimeMs += now - m.downSince;
  m.downSince = null;
  m.consecutiveFailures = 0;
  m.state = 'ready';
}

export function markDown(m: ShardMetrics, code: number, now: number) {
  m.disconnects++;
  m.closeCodes[String(code)] = (m.closeCodes[String(code)] ?? 0) + 1;
  m.lastDisconnectAt = now;
  m.downSince ??= now;
}

export interface LatencyStats {
  current: number | null;
  average: number | null;
  min: number | null;
  max: number | null;
}

export function latencyStats(m: Pick<ShardMetrics, 'latencies'>): LatencyStats {
  const l = m.latencies;
  if (!l.length) return { current: null, average: null, min: null, max: null };
  return {
    current: l[l.length - 1] ?? null,
    average: Math.round(l.reduce((a, b) => a + b, 0) / l.length),
    min: Math.min(...l),
    max: Math.max(...l),
  };
}

/** Share of the time since `since` that the shard was connected, 0–100. */
export function uptimePercent(m: ShardMetrics, now: number): number {
  const elapsed = now - m.since;
  if (elapsed <= 0) return m.downSince === null ? 100 : 0;
  const down = m.downtimeMs + (m.downSince !== null ? now - m.downSince : 0);
  return Math.max(0, Math.min(100, ((elapsed - down) / elapsed) * 100));
}
