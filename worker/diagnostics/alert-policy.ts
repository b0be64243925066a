import { type Tier, tierRank } from './health';
import type { AlertState } from './settings';

/** Never more than one alert per this long, unless the tier gets worse. */
export const ALERT_MIN_INTERVAL_MS = 15 * 60 * 1000;

export type AlertDecision =
  | { send: false; why: 'unchanged' | 'rate-limited' }
  | { send: true; why: 'worsened' | 'improved'; previous: Tier };

/**
 * Whether the tier evaluated now is announced. `state` is the tier last announced (null: never, which
 * counts as healthy). A worse tier is announced at once; a better one only when the last alert is at least
 * 15 minutes old, otherwise it is held (and announced by a later evaluation if it lasts): flapping between
 * tiers gives at most one alert per 15 minutes, plus one per real worsening.
 */
export function decideAlert(state: AlertState, current: Tier, now: number): AlertDecision {
  const previous: Tier = state?.tier ?? 'healthy';
  if (previous === current) return { send: false, why: 'unchanged' };
  if (tierRank(current) > tierRank(previous)) return { send: true, why: 'worsened', previous };
  const lastAt = state?.at ?? null;
  if (lastAt !== null && now - lastAt < ALERT_MIN_INTERVAL_MS) return { send: false, why: 'rate-limited' };
  return { send: true, why: 'improved', previous };
}
