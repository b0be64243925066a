import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { diagnosticErrors } from '../db/schema';

export interface ErrorLine {
  at: number;
  command: string;
  guildId: string | null;
  message: string;
}

/** The newest command failures first; only one guild's when `guildId` is given. */
export async function readRecentErrors(
  db: Database,
  limit: number,
  guildId?: string | null,
): Promise<ErrorLine[]> {
  const query = db
    .select({
      at: diagnosticErrors.at,
      command: diagnosticErrors.command,
      guildId: diagnosticErrors.guildId,
      message: diagnosticErrors.message,
    })
    .from(diagnosticErrors);
  const filtered = guildId === undefined ? query : query.where(eq(diagnosticErrors.guildId, guildId ?? ''));
  return filtered.orderBy(desc(diagnosticErrors.id)).limit(limit);
}

/** `HH:MM:SS /command — message` (UTC), the message cut to `max`. */
export function formatErrorLine(e: ErrorLine, max = 80): string {
  const time = new Date(e.at).toISOString().slice(11, 19);
  const message = e.message.length > max ? `${e.message.slice(0, max - 1)}…` : e.message;
  return `\`${time}\` /${e.command} — ${message}`;
}
