import type { Pace } from './job-store';
import { SECONDS_PER_CALL } from './limits';

/** Operations a job must have finished before its own pace is trusted over the fixed estimate. */
const MEASURED_AFTER = 5;

/**
 * Seconds left in a restore. Once a few operations are done, from the job's own pace (which already
 * includes the rate limits and 429 waits Discord imposed); before that, from the usual bucket sizes.
 */
export function etaSeconds(pace: Pace, nowMs: number): number {
  const left = pace.pendingTypes.length;
  if (left === 0) return 0;
  if (pace.finished >= MEASURED_AFTER && pace.firstStartedAt !== null) {
    const perOp = Math.max(0, nowMs - pace.firstStartedAt) / 1000 / pace.finished;
    return Math.ceil(perOp * left);
  }
  const fallback = SECONDS_PER_CALL.default ?? 0.5;
  return Math.ceil(pace.pendingTypes.reduce((sum, type) => sum + (SECONDS_PER_CALL[type] ?? fallback), 0));
}
