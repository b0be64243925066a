import type { HealthSignals } from './health';
import type { MetricsWindow } from './metrics-window';
import type { OperationalSignals } from './signals';

/** What the tier is assessed from: the last hour's metrics, pending migrations, and the operational signals. */
export function healthSignalsOf(
  window: MetricsWindow,
  pendingMigrations: readonly string[],
  signals: OperationalSignals,
): HealthSignals {
  return {
    errorRate: window.errorRate,
    processed: window.processed,
    failed: window.failed,
    pendingMigrations,
    shards: signals.shards,
    hookQueue: signals.hookQueue,
    rest429: window.restTotals.rate429,
    rest5xx: window.restTotals.server5xx,
    storageErrors: signals.storage.d1 + signals.storage.r2,
    failingSchedules: signals.backups.failingSchedules,
    stuckBackups: signals.backups.stuck,
    failedBackups: signals.backups.failed,
    failedRestores: signals.restores.lastDay.failed ?? 0,
  };
}
