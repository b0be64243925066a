import { lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { diagnosticErrors, latencyMinutes, metricMinutes } from '../db/schema';
import { latencyBucket } from './latency-buckets';
import { errorLine } from './redact';

/**
 * How an invocation ended. `invalid-input` (the user's options did not validate) and `unknown-command` (a
 * typo, or a command that no longer exists) are counted apart: they are not failures of the bot.
 */
export type CommandOutcome = 'ok' | 'failed' | 'invalid-input' | 'unknown-command';

/** The `metric_minutes` column each outcome adds to. */
const OUTCOME_FIELD = {
  ok: 'ok',
  failed: 'failed',
  'invalid-input': 'invalidInput',
  'unknown-command': 'unknown',
} as const satisfies Record<CommandOutcome, keyof typeof metricMinutes.$inferInsert>;

/** The row unknown command names share (their names are user input: never one row per typo). */
export const UNKNOWN_COMMAND_ROW = '*unknown*';
/** How many error lines /fw_errors can draw from. */
export const ERRORS_KEPT = 50;
const DISCORD_EPOCH_MS = 1_420_070_400_000;
export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/** When a snowflake was made (ms), or null for something that is not one. */
export function snowflakeTime(id: string | undefined): number | null {
  if (!id || !/^\d{17,20}$/.test(id)) return null;
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}

const enabledFor = new WeakMap<Database, boolean>();
const secretsFor = new WeakMap<Database, string[]>();

/**
 * Where services are made: whether this deployment records metrics (`DIAGNOSTICS_METRICS`), and the
 * secret values that must never reach the error lines. Keyed by the deployment's database handle.
 */
export function useDiagnosticsConfig(db: Database, config: Config): void {
  enabledFor.set(db, config.diagnostics.metrics);
  secretsFor.set(
    db,
    [config.token, config.dashboard.clientSecret, config.exportSigningSecret].filter((s): s is string => !!s),
  );
}

/** False when `DIAGNOSTICS_METRICS` turned recording off for this deployment. */
export const metricsEnabled = (db: Database) => enabledFor.get(db) !== false;

export interface CommandMetricInput {
  command: string;
  guildId: string | null;
  outcome: CommandOutcome;
  invocationId?: string;
  error?: unknown;
  /** Defaults to now; the latency is measured up to this moment. */
  now?: number;
}

/**
 * The statements that record one invocation: its outcome in the minute's row, its latency (from the
 * invocation's snowflake time to `now`) in the minute's histogram, and for a failure one error line (the
 * newest 50 are kept). None when metrics are off. Callers batch them with their own writes.
 */
export function commandMetricStatements(db: Database, input: CommandMetricInput): BatchItem<'sqlite'>[] {
  if (!metricsEnabled(db)) return [];
  const now = input.now ?? Date.now();
  const minute = minuteOf(now);
  const command = input.outcome === 'unknown-command' ? UNKNOWN_COMMAND_ROW : input.command;
  const field = OUTCOME_FIELD[input.outcome];
  const statements: BatchItem<'sqlite'>[] = [
    db
      .insert(metricMinutes)
      .values({ minute, command, [field]: 1 })
      .onConflictDoUpdate({
        target: [metricMinutes.minute, metricMinutes.command],
        set: { [field]: sql`${metricMinutes[field]} + 1` },
      }),
  ];
  const startedAt = snowflakeTime(input.invocationId);
  if ((input.outcome === 'ok' || input.outcome === 'failed') && startedAt !== null) {
    statements.push(
      db
        .insert(latencyMinutes)
        .values({ minute, bucket: latencyBucket(now - startedAt), count: 1 })
        .onConflictDoUpdate({
          target: [latencyMinutes.minute, latencyMinutes.bucket],
          set: { count: sql`${latencyMinutes.count} + 1` },
        }),
    );
  }
  if (input.outcome === 'failed') {
    statements.push(
      db.insert(diagnosticErrors).values({
        at: now,
        command: input.command,
        guildId: input.guildId,
        message:
          input.error === undefined
            ? 'failed (no error message was recorded)'
            : errorLine(input.error, secretsFor.get(db) ?? []),
      }),
      db
        .delete(diagnosticErrors)
        .where(lt(diagnosticErrors.id, sql`(SELECT max(id) FROM ${diagnosticErrors}) - ${ERRORS_KEPT - 1}`)),
    );
  }
  return statements;
}

/** Records one invocation (see `commandMetricStatements`) in one D1 batch, after the reply. */
export async function recordCommandMetrics(db: Database, input: CommandMetricInput): Promise<void> {
  const [first, ...rest] = commandMetricStatements(db, input);
  if (first) await db.batch([first, ...rest]);
}
