import { and, gte } from 'drizzle-orm';
import type { Database } from '../db/client';
import { diagnosticErrors } from '../db/schema';

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

/** D1 and R2 errors among the command failures of the last hour. */
export async function storageErrors(db: Database, now = Date.now()): Promise<{ d1: number; r2: number }> {
  const rows = await db
    .select({ message: diagnosticErrors.message })
    .from(diagnosticErrors)
    .where(and(gte(diagnosticErrors.at, now - HOUR_MS)));
  const out = { d1: 0, r2: 0 };
  for (const row of rows) {
    const store = storageOf(row.message);
    if (store) out[store]++;
  }
  return out;
}
