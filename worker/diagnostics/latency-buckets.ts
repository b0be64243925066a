/**
 * Interaction latency is stored as a histogram per minute: each answer adds 1 to the bucket its latency
 * falls in. Percentiles over any window are then read from summed counts, whatever the traffic. Bucket `i`
 * holds latencies up to `LATENCY_BOUNDS_MS[i]`; the last bucket holds everything slower.
 */
export const LATENCY_BOUNDS_MS = [
  5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 15_000,
] as const;

export function latencyBucket(ms: number): number {
  const value = Math.max(0, ms);
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => value <= bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
}

const SLOWEST_BOUND_MS = LATENCY_BOUNDS_MS.at(-1) as number;
/** Stands for "slower than the last bound" (the open-ended bucket). */
export const OVER_LAST_BOUND_MS = SLOWEST_BOUND_MS * 2;

/** The upper bound of a bucket; the open-ended bucket reports `OVER_LAST_BOUND_MS`. */
export function bucketUpperMs(bucket: number): number {
  return LATENCY_BOUNDS_MS[bucket] ?? OVER_LAST_BOUND_MS;
}

/**
 * The p-th percentile (0–100) of a histogram given as bucket → count, as the upper bound of the bucket
 * holding it (so "p99 ≤ 300 ms"); null when nothing was measured.
 */
export function percentileFromBuckets(counts: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...counts.values()].reduce((n, c) => n + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(bucket) ?? 0;
    if (seen >= rank) return bucketUpperMs(bucket);
  }
  return bucketUpperMs(LATENCY_BOUNDS_MS.length);
}

/** "≤ 150 ms", or "> 15000 ms" for the open-ended bucket. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return 'no data';
  return ms > SLOWEST_BOUND_MS ? `> ${SLOWEST_BOUND_MS} ms` : `≤ ${ms} ms`;
}
