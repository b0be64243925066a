import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { commandStats } from '../db/schema';
import { type CommandOutcome, commandMetricStatements } from '../diagnostics/command-metrics';

export const DM_GUILD = '0';
export type { CommandOutcome };

/** What the caller knows beyond the outcome; all optional. */
export interface CommandUseDetails {
  /** The interaction or message id: a snowflake, whose time (when the user acted) gives the latency. */
  invocationId?: string;
  /** The error a failed command threw: one line of its message is kept for /fw_errors, never the stack. */
  error?: unknown;
}

/**
 * Counts one use (and maybe one error) of a command in a guild, and records the diagnostics metrics
 * (outcome per minute, latency, the error line). Runs after the reply is sent. `outcome` is a boolean
 * (failed or not) or an outcome kind: unknown commands and invalid input are counted apart, never as
 * failures, and not as uses in /stats.
 */
export async function recordCommandUse(
  db: Database,
  command: string,
  guildId: string | null,
  outcome: boolean | CommandOutcome,
  details: CommandUseDetails = {},
) {
  const kind: CommandOutcome = outcome === true ? 'failed' : outcome === false ? 'ok' : outcome;
  const metrics = commandMetricStatements(db, { command, guildId, outcome: kind, ...details });
  if (kind !== 'ok' && kind !== 'failed') {
    const [first, ...rest] = metrics;
    if (first) await db.batch([first, ...rest]);
    return;
  }
  const failed = kind === 'failed';
  const now = Date.now();
  // One D1 round trip for the usage counter and the metrics.
  await db.batch([
    db
      .insert(commandStats)
      .values({ command, guildId: guildId ?? DM_GUILD, uses: 1, errors: failed ? 1 : 0, lastUsedAt: now })
      .onConflictDoUpdate({
        target: [commandStats.command, commandStats.guildId],
        set: {
          uses: sql`${commandStats.uses} + 1`,
          errors: sql`${commandStats.errors} + ${failed ? 1 : 0}`,
          lastUsedAt: now,
        },
      }),
    ...metrics,
  ]);
}
