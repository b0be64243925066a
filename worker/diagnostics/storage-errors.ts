import { and, eq, gte } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditLog, diagnosticErrors } from '../db/schema';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Which store a command failure came from, by the error's message: D1 errors carry `D1_` codes (and
 * SQLite's), R2 errors name R2 or a bucket operation. null for anything else (Discord, the code itself).
 */
export function storageOf(message: string): 'd1' | 'r2' | null {
  if (/\bD1_[A-Z_]+|SQLITE_[A-Z_]+|\bD1 /.test(message)) return 'd1';
  if (/\bR2\b|R2Bucket|bucket\.(?:get|put|head|delete|list)\b/.test(message)) return 'r2';
  return null;
}

/** D1 and R2 errors among the last hour's command failures and backup jobs that gave up. */
export async function storageErrors(db: Database, now = Date.now()): Promise<{ d1: number; r2: number }> {
  const since = now - HOUR_MS;
  const [commands, backups] = await Promise.all([
    db
      .select({ message: diagnosticErrors.message })
      .from(diagnosticErrors)
      .where(gte(diagnosticErrors.at, since)),
    db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'backup.failed'), gte(auditLog.createdAt, since))),
  ]);
  const messages = [...commands.map((r) => r.message), ...backups.map((r) => errorOf(r.details))];
  const out = { d1: 0, r2: 0 };
  for (const message of messages) {
    const store = storageOf(message);
    if (store) out[store]++;
  }
  return out;
}

/** The error a `backup.failed` audit row recorded. */
function errorOf(details: string): string {
  try {
    const parsed = JSON.parse(details) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : '';
  } catch {
    return '';
  }
}
