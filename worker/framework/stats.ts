import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { commandStats } from '../db/schema';

export const DM_GUILD = '0';

/** Counts one use (and maybe one error) of a command in a guild. Runs after the reply is sent. */
export async function recordCommandUse(
  db: Database,
  command: string,
  guildId: string | null,
  failed: boolean,
) {
  const now = Date.now();
  await db
    .insert(commandStats)
    .values({ command, guildId: guildId ?? DM_GUILD, uses: 1, errors: failed ? 1 : 0, lastUsedAt: now })
    .onConflictDoUpdate({
      target: [commandStats.command, commandStats.guildId],
      set: {
        uses: sql`${commandStats.uses} + 1`,
        errors: sql`${commandStats.errors} + ${failed ? 1 : 0}`,
        lastUsedAt: now,
      },
    });
}
