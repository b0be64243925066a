import type { Database } from '../db/client';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  guildId: string;
  actorId: string;
  action: string;
  details?: Record<string, unknown>;
}

/** The insert for one audit row, to be batched with the write it records. */
export function auditInsert(db: Database, entry: AuditEntry, nowMs = Date.now()) {
  return db.insert(auditLog).values({
    guildId: entry.guildId,
    actorId: entry.actorId,
    action: entry.action,
    details: JSON.stringify(entry.details ?? {}),
    createdAt: nowMs,
  });
}
