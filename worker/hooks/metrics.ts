/** Deployment-wide bus counters in D1 (`hook_metrics`), added to atomically by every isolate. */

export const METRIC_NAMES = [
  /** Events delivered to the bus with at least one handler (counted on their first delivery). */
  'emissions',
  /** Handler runs, successful or not. */
  'executions',
  /** Handler runs that threw or timed out. */
  'failures',
  /** Total handler time (ms), for the average. */
  'exec_ms',
  /** Total time from emission to first delivery (ms), and how many deliveries it covers. */
  'queue_delay_ms',
  'queue_delay_samples',
  /** Emissions the queue refused (they ran in the emitter instead) or messages that were not events. */
  'drops',
  /** Deliveries retried because a handler failed or its breaker was open. */
  'retries',
  /** Events that exhausted their retries and reached the dead-letter queue. */
  'dead_letters',
  /** Events accepted by the hook queue. */
  'enqueued',
  /** Queued events acknowledged by the consumer (all their handlers completed or are off, or not an event). */
  'settled',
  /** Dead letters counted since `enqueued` was (`dead_letters` is older, so it cannot be subtracted). */
  'abandoned',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];
export type Metrics = Record<MetricName, number>;

/** One statement adding every non-zero delta; null when there is nothing to add. */
export function addMetrics(
  d1: D1Database,
  deltas: Partial<Record<MetricName, number>>,
): D1PreparedStatement | null {
  const entries = Object.entries(deltas).filter(([, v]) => v !== undefined && v !== 0) as [string, number][];
  if (entries.length === 0) return null;
  return d1
    .prepare(
      `INSERT INTO hook_metrics (name, value) VALUES ${entries.map(() => '(?, ?)').join(', ')}
       ON CONFLICT(name) DO UPDATE SET value = value + excluded.value`,
    )
    .bind(...entries.flatMap(([name, value]) => [name, Math.round(value)]));
}

export async function readMetrics(d1: D1Database): Promise<Metrics> {
  const { results } = await d1
    .prepare('SELECT name, value FROM hook_metrics')
    .all<{ name: string; value: number }>();
  const metrics = Object.fromEntries(METRIC_NAMES.map((n) => [n, 0])) as Metrics;
  for (const row of results) {
    if ((METRIC_NAMES as readonly string[]).includes(row.name)) metrics[row.name as MetricName] = row.value;
  }
  return metrics;
}

/**
 * Events in the hook queue now, waiting for their first delivery or for a retry: accepted minus settled minus
 * dead-lettered. Cloudflare does not let a worker read a queue's backlog, so the bus counts it. Events queued
 * before these counters existed settle without having been counted, hence the floor at 0.
 */
export function queueDepth(m: Metrics): number {
  return Math.max(0, m.enqueued - m.settled - m.abandoned);
}

/** Average handler time and queue delay (ms), 0 when nothing was measured. */
export function averages(m: Metrics) {
  return {
    execMs: m.executions ? m.exec_ms / m.executions : 0,
    queueDelayMs: m.queue_delay_samples ? m.queue_delay_ms / m.queue_delay_samples : 0,
  };
}
