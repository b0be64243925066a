import type { Services } from '../framework/context';
import { EDGEWARD_VERSION } from '../version';
import { type Assessment, assessHealth } from './health';
import { type HealthSnapshot, readHistory } from './health-history';
import { healthSignalsOf } from './health-inputs';
import { type MetricsWindow, readMetricsWindow } from './metrics-window';
import { type MigrationStatus, migrationStatus } from './migrations';
import { type ErrorLine, readRecentErrors } from './recent-errors';
import {
  type Deployment,
  type DiagnosticsAlertChannel,
  getDiagnosticsAlertChannel,
  noteDeployment,
} from './settings';
import { type OperationalSignals, operationalSignals } from './signals';

/** Everything /fw_diagnostics shows, read live (the tier is assessed now, not taken from the last snapshot). */
export interface DiagnosticsReport {
  now: number;
  version: string;
  deployment: Deployment;
  window: MetricsWindow;
  migrations: MigrationStatus;
  signals: OperationalSignals;
  assessment: Assessment;
  recentErrors: ErrorLine[];
  lastSnapshot: HealthSnapshot | null;
  alertChannel: DiagnosticsAlertChannel;
}

export async function diagnosticsReport(
  services: Pick<Services, 'env' | 'config' | 'db'>,
  now = Date.now(),
): Promise<DiagnosticsReport> {
  const { env, config, db } = services;
  const [deployment, window, migrations, signals, recentErrors, history, alertChannel] = await Promise.all([
    noteDeployment(db, EDGEWARD_VERSION, now),
    readMetricsWindow(db, now),
    migrationStatus(env.DB),
    operationalSignals(env, config, db, now),
    readRecentErrors(db, 5),
    readHistory(db, '5m', 1),
    getDiagnosticsAlertChannel(db),
  ]);
  const assessment = assessHealth(healthSignalsOf(window, migrations.pending, signals));
  return {
    now,
    version: EDGEWARD_VERSION,
    deployment,
    window,
    migrations,
    signals,
    assessment,
    recentErrors,
    lastSnapshot: history[0] ?? null,
    alertChannel,
  };
}

/** "3 d 4 h", "5 h 12 min", "42 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
