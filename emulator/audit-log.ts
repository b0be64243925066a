import type { APIAuditLogChange } from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import { compareIds, type GuildRecord } from './state';

/**
 * The guild audit log (`developers/resources/audit-log.mdx`). Every REST write the bot makes records an entry with
 * the bot as `user_id`, the affected object as `target_id`, the `X-Audit-Log-Reason` as `reason` and, where the
 * object changed, `changes` (`{key, old_value?, new_value?}`). Entries live on the guild record (a reset clears them).
 */
export const AuditLogEvent = {
  GuildUpdate: 1,
  ChannelCreate: 10,
  ChannelUpdate: 11,
  ChannelDelete: 12,
  MemberBanAdd: 22,
  MemberBanRemove: 23,
  MemberUpdate: 24,
  MemberRoleUpdate: 25,
  RoleCreate: 30,
  RoleUpdate: 31,
  RoleDelete: 32,
  EmojiCreate: 60,
  EmojiUpdate: 61,
  EmojiDelete: 62,
  StickerCreate: 90,
  StickerUpdate: 91,
  StickerDelete: 92,
} as const;

export interface AuditEntry {
  id: string;
  action_type: number;
  user_id: string;
  target_id: string | null;
  reason?: string;
  changes?: APIAuditLogChange[];
  options?: Record<string, string>;
}

type WithLog = GuildRecord & { audit_log_entries?: AuditEntry[] };

export function auditEntries(guild: GuildRecord): AuditEntry[] {
  const g = guild as WithLog;
  g.audit_log_entries ??= [];
  return g.audit_log_entries;
}

/** Entry ids are snowflakes that always grow, so `before`/`after` and insertion order agree. */
function nextId(ctx: EmulatorContext, entries: AuditEntry[]): string {
  const id = ctx.newId();
  const last = entries.at(-1)?.id;
  if (!last || compareIds(id, last) > 0) return id;
  return (BigInt(last) + 1n).toString();
}

export function recordAudit(
  ctx: EmulatorContext,
  guild: GuildRecord,
  reason: string | undefined,
  entry: Omit<AuditEntry, 'id' | 'user_id' | 'reason'>,
): AuditEntry {
  const entries = auditEntries(guild);
  const full: AuditEntry = { id: nextId(ctx, entries), user_id: ctx.store.state.botUserId, ...entry };
  if (entry.changes && entry.changes.length === 0) delete full.changes;
  if (reason !== undefined) full.reason = reason;
  entries.push(full);
  return full;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes between two versions of an object over `keys`. As documented, `old_value` is left out when it was null
 * (or absent) and `new_value` when it became null.
 */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  keys: readonly string[],
): APIAuditLogChange[] {
  const changes: Record<string, unknown>[] = [];
  for (const key of keys) {
    const oldValue = before?.[key] ?? null;
    const newValue = after?.[key] ?? null;
    if (same(oldValue, newValue)) continue;
    const change: Record<string, unknown> = { key };
    if (newValue !== null) change.new_value = structuredClone(newValue);
    if (oldValue !== null) change.old_value = structuredClone(oldValue);
    changes.push(change);
  }
  return changes as unknown as APIAuditLogChange[];
}
