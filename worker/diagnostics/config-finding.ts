import type { Env } from '../env';

export type Severity = 'error' | 'warning' | 'info';

/** One thing the configuration check found, with what to do. Never carries a secret's value. */
export interface ConfigFinding {
  name: string;
  kind: 'variable' | 'secret' | 'binding';
  severity: Severity;
  problem: string;
  fix: string;
}

/** A variable's raw value as loadConfig sees it: trimmed, empty = unset. */
export function rawValue(env: Env, name: string): string | undefined {
  const value = (env as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
