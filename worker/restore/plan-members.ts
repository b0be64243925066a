import { depsOf, type PlanContext } from './plan-context';
import type { IdOrRef } from './plan-types';

const BULK_BAN = 200;

/**
 * Member roles: one update per member whose manageable roles differ, keeping every role the bot cannot
 * manage (managed roles, roles at or above its own). Members who left are skipped; members not in the
 * backup are never touched. Bans: bulk, 200 at a time; never an unban unless mirroring bans.
 */
export function planMembers(ctx: PlanContext) {
  const { snapshot, live, options, ids } = ctx;
  if (options.components.has('members')) {
    if (!snapshot.members.captured) {
      ctx.problems.push({
        severity: 'warning',
        code: 'members-not-in-backup',
        message: 'This backup has no member roles (the Server Members intent was off).',
      });
    } else if (!live.members) {
      ctx.problems.push({
        severity: 'blocker',
        code: 'members-unreadable',
        message: 'The server’s members cannot be read: enable the Server Members intent.',
      });
    } else {
      const liveRoles = new Map(live.structure.roles.map((r) => [r.id, r]));
      const manageable = (id: string) => {
        const r = liveRoles.get(id);
        return !!r && !r.managed && r.position < ctx.botTop && id !== live.structure.guild.id;
      };
      let left = 0;
      for (const m of snapshot.members.items) {
        const current = live.members.get(m.userId);
        if (!current) {
          left++;
          continue;
        }
        const desired: IdOrRef[] = [];
        for (const r of m.roles) {
          if (!ctx.restorableRoles.has(r)) continue;
          const target = ids.idOrRef('role', r);
          if (typeof target === 'string' && !manageable(target)) continue;
          desired.push(target);
        }
        // Role Sync: exactly the backed-up manageable roles; otherwise only add the missing ones.
        const base = options.roleSync ? current.filter((r) => !manageable(r)) : current;
        const next = [...base, ...desired];
        const unique = [...new Map(next.map((r) => [typeof r === 'string' ? r : r.ref, r])).values()];
        const same =
          unique.length === current.length &&
          unique.every((r) => typeof r === 'string' && current.includes(r));
        if (same) continue;
        ctx.ops.push({
          key: `member.roles:${m.userId}`,
          type: 'member.roles',
          deps: depsOf(...desired),
          calls: 1,
          userId: m.userId,
          roles: unique,
        });
      }
      if (left)
        ctx.problems.push({
          severity: 'warning',
          code: 'members-left',
          message: `${left} member${left === 1 ? ' has' : 's have'} left the server; their roles are skipped.`,
        });
    }
  }
  if (options.components.has('bans')) {
    if (!snapshot.bans.captured || !live.bans) {
      ctx.problems.push({
        severity: 'warning',
        code: 'bans-unavailable',
        message: 'Bans are not in the backup or cannot be read (the bot needs Ban Members); skipped.',
      });
      return;
    }
    const missing = snapshot.bans.items.map((b) => b.userId).filter((u) => !live.bans?.has(u));
    for (let i = 0; i < missing.length; i += BULK_BAN) {
      const userIds = missing.slice(i, i + BULK_BAN);
      ctx.ops.push({ key: `bans.add:${i / BULK_BAN}`, type: 'bans.add', deps: [], calls: 1, userIds });
    }
    if (options.mode === 'mirror') {
      const backedUp = new Set(snapshot.bans.items.map((b) => b.userId));
      for (const userId of live.bans) {
        if (!backedUp.has(userId))
          ctx.ops.push({ key: `ban.remove:${userId}`, type: 'ban.remove', deps: [], calls: 1, userId });
      }
    }
  }
}
