import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { useDiagnosticsConfig } from './command-metrics';
import { configReport } from './config-report';

let checkedAtStart = false;

/**
 * Called where services are made (every request): the metrics switch and secrets for the recorders, and
 * once per isolate the configuration check, whose errors and warnings go to the log.
 */
export function setUpDiagnostics(db: Database, config: Config, env: Env, origin: string): void {
  useDiagnosticsConfig(db, config);
  if (checkedAtStart) return;
  checkedAtStart = true;
  const findings = configReport(env, origin).findings.filter((f) => f.severity !== 'info');
  for (const f of findings) {
    console.warn(`Edgeward configuration ${f.severity}: ${f.name} ${f.problem}. ${f.fix}`);
  }
}
