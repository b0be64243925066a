import type { Snapshot } from './snapshot-schema';

export interface MemberRoleChange {
  userId: string;
  added: string[];
  removed: string[];
}

/** Role changes per member between two captures (members in only one of them are counted apart). */
export function diffMemberRoles(before: Snapshot['members'], after: Snapshot['members']) {
  const a = new Map(before.items.map((m) => [m.userId, new Set(m.roles)]));
  const changes: MemberRoleChange[] = [];
  let joined = 0;
  for (const m of after.items) {
    const was = a.get(m.userId);
    if (!was) {
      joined++;
      continue;
    }
    const now = new Set(m.roles);
    const added = m.roles.filter((r) => !was.has(r));
    const removed = [...was].filter((r) => !now.has(r));
    if (added.length || removed.length) changes.push({ userId: m.userId, added, removed });
    a.delete(m.userId);
  }
  return { changes, joined, left: a.size, comparable: before.captured && after.captured };
}
