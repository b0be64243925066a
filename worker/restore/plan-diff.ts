import { diffStructure, type ItemChange, type Structure } from '../backups/diff';
import type { IdResolver } from './plan-context';

/** What the shared diff says separates the live guild from the snapshot, in the snapshot's ids. */
export interface PlanDiff {
  /** Snapshot id → its change (added = must be created; changed = the fields that differ). */
  changes: Map<string, ItemChange>;
  /** Live ids of roles and channels the snapshot does not have (the diff's removed items). */
  extras: { role: Set<string>; channel: Set<string> };
}

/**
 * The live guild seen through the snapshot's ids: every live role and channel that the id map ties to a
 * snapshot item is relabelled with that item's id, and so are the role ids inside overwrites and the
 * parents. What is left unmapped keeps its live id, so the diff reports it as removed.
 */
function relabel(live: Structure, snapshot: Structure, ids: IdResolver): Structure {
  const back = new Map<string, string>();
  for (const item of [...snapshot.roles, ...snapshot.channels]) {
    const target = ids.target(item.id);
    if (target && !back.has(target)) back.set(target, item.id);
  }
  const source = (id: string) => back.get(id) ?? id;
  return {
    guild: live.guild,
    roles: live.roles.map((r) => ({ ...r, id: source(r.id) })),
    channels: live.channels.map((c) => ({
      ...c,
      id: source(c.id),
      parentId: c.parentId === null ? null : source(c.parentId),
      overwrites: c.overwrites.map((o) => (o.type === 0 ? { ...o, id: source(o.id) } : o)),
    })),
    emojis: live.emojis,
    stickers: live.stickers,
  };
}

/**
 * Runs the diff that /backupdiff and the dashboard's Compare use, from the live guild to the snapshot.
 * The planner turns its items into operations: added → create, changed → update of exactly the fields it
 * names (then only where the value the bot can set differs from the live one), removed → delete (mirror).
 */
export function planDiff(snapshot: Structure, live: Structure, ids: IdResolver): PlanDiff {
  const relabelled = relabel(live, snapshot, ids);
  const changes = new Map<string, ItemChange>();
  const extras = { role: new Set<string>(), channel: new Set<string>() };
  for (const change of diffStructure(relabelled, snapshot, { images: false })) {
    if (change.kind !== 'role' && change.kind !== 'channel') continue;
    if (change.change === 'removed') extras[change.kind].add(change.id);
    else changes.set(change.id, change);
  }
  return { changes, extras };
}

/** The snapshot field names the diff reports for an item (overwrite changes as `overwrites`). */
export function changedFields(diff: PlanDiff, sourceId: string): Set<string> {
  const change = diff.changes.get(sourceId);
  return new Set(change?.fields.map((f) => (f.field.startsWith('overwrite ') ? 'overwrites' : f.field)));
}
