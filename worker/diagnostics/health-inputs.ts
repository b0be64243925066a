import type { HealthSignals } from './health';
import type { MetricsWindow } from './metrics-window';
import type { OperationalSignals } from './signals';

/** What the tier is assessed from: the last hour's metrics, pending migrations, and the operational signals. */
export function healthSignalsOf(
  window: MetricsWindow,
  pendingMigrations: readonly string[],
  signals: OperationalSignals,
): HealthSignals {
  const rest429 = window.rest.filter((r) => r.status === 429).reduce((n, r) => n + r.count, 0);
  const rest5xx = window.rest.filter((r) => r.status >= 500).reduce((n, r) => n + r.count, 0);
  return {
    errorRate: window.errorRate,
    processed: window.processed,
    failed: window.failed,
    pendingMigrations,
    shards: signals.shards,
    hookQueue: signals.hookQueue,
    rest429,
    rest5xx,
    storageErrors: signals.storage.d1 + signals.storage.r2,
    failingSchedules: signals.backups.failingSchedules,
    stuckBackups: signals.backups.stuck,
    failedBackups: signals.backups.failed,
    failedRestores: signals.restores.lastDay.failed ?? 0,
  };
}
