import type { SnapshotRole } from '../backups/snapshot-schema';
import { type ImageUpload, imageNeedsUpload } from './image-change';
import { MAX_ROLES, ROLE_CREATE_QUOTA } from './limits';
import { depsOf, type PlanContext } from './plan-context';
import { changedFields } from './plan-diff';
import type { IdOrRef } from './plan-types';

function body(ctx: PlanContext, role: SnapshotRole, desiredPermissions: string): Record<string, unknown> {
  const b: Record<string, unknown> = {
    name: role.name,
    permissions: desiredPermissions,
    color: role.colors.primary,
    hoist: role.hoist,
    mentionable: role.mentionable,
  };
  if (ctx.features.has('ENHANCED_ROLE_COLORS') && role.colors.secondary !== null) {
    b.colors = {
      primary_color: role.colors.primary,
      secondary_color: role.colors.secondary,
      tertiary_color: role.colors.tertiary,
    };
  }
  if (ctx.features.has('ROLE_ICONS') && role.unicodeEmoji) b.unicode_emoji = role.unicodeEmoji;
  return b;
}

/**
 * The role's icon to set: the backed-up image when the live one differs (or the role is new), null to
 * remove one the backup does not have, undefined to leave it. Needs the Role Icons feature (boost level 2).
 */
function iconChange(
  ctx: PlanContext,
  role: SnapshotRole,
  liveId: string | null,
): ImageUpload | null | undefined {
  const liveHash = liveId === null ? null : ctx.live.imageHashes?.roles?.[liveId];
  if (liveHash === undefined) return undefined;
  if (!ctx.features.has('ROLE_ICONS')) {
    if (role.icon)
      ctx.problems.push({
        severity: 'warning',
        code: 'role-icon-feature',
        message: `Role ${role.name}: role icons need boost level 2 (Role Icons); its icon is left out.`,
      });
    return undefined;
  }
  if (!role.icon) return liveHash === null ? undefined : null;
  return imageNeedsUpload(ctx, role.icon, liveHash) ? { asset: role.icon } : undefined;
}

/** What the bot may grant: everything if it is an administrator, else only the permissions it has. */
function grantable(ctx: PlanContext, role: SnapshotRole): string {
  if (ctx.botAdmin) return role.permissions;
  const masked = BigInt(role.permissions) & ctx.live.bot.permissions;
  if (masked !== BigInt(role.permissions)) {
    ctx.problems.push({
      severity: 'warning',
      code: 'permissions-masked',
      message: `Role ${role.name}: the bot cannot grant permissions it does not have; they are left out (give the bot Administrator to restore them).`,
    });
  }
  return masked.toString();
}

/**
 * Managed roles (bots, integrations, boosters) are never created or edited by a restore: one is matched to
 * the live role with the same tags, so overwrites and member roles that name it still map.
 */
export function linkManagedRoles(ctx: PlanContext) {
  for (const role of ctx.snapshot.roles) {
    if (!role.managed) continue;
    const match = ctx.live.structure.roles.find(
      (r) => r.managed && r.tags && role.tags && JSON.stringify(r.tags) === JSON.stringify(role.tags),
    );
    if (match) {
      ctx.restorableRoles.add(role.id);
      ctx.ids.link(role.id, match.id);
    } else
      ctx.problems.push({
        severity: 'warning',
        code: 'managed-role-missing',
        message: `Role ${role.name} belongs to an integration or bot; it comes back when that is re-added, not by a restore.`,
      });
  }
}

/** The body keys each field of the shared diff stands for. */
const ROLE_FIELDS: Record<string, string[]> = {
  name: ['name'],
  colors: ['color', 'colors'],
  hoist: ['hoist'],
  mentionable: ['mentionable'],
  permissions: ['permissions'],
  unicodeEmoji: ['unicode_emoji'],
};

/** Roles: create what is missing, repair what changed (sync), delete extras (mirror), then one bulk reorder. */
export function planRoles(ctx: PlanContext) {
  const { snapshot, live, options, ids } = ctx;
  const liveById = new Map(live.structure.roles.map((r) => [r.id, r]));
  const sourceGuild = snapshot.guild.id;
  const targetGuild = live.structure.guild.id;
  let creates = 0;
  const positioned: { id: IdOrRef; position: number; sourceId: string }[] = [];

  for (const role of snapshot.roles) {
    if (role.managed) continue;
    const targetId = ids.target(role.id);
    const current = targetId ? liveById.get(targetId) : undefined;
    if (!current) {
      if (role.id === sourceGuild) continue;
      const permissions = grantable(ctx, role);
      const icon = iconChange(ctx, role, null);
      ctx.ops.push({
        key: `role.create:${role.id}`,
        type: 'role.create',
        deps: [],
        calls: 1,
        sourceId: role.id,
        body: { ...body(ctx, role, permissions), ...(icon ? { icon } : {}) },
      });
      ctx.restorableRoles.add(role.id);
      creates++;
      positioned.push({ id: { ref: `role:${role.id}` }, position: role.position, sourceId: role.id });
      continue;
    }
    ctx.restorableRoles.add(role.id);
    if (role.id !== sourceGuild)
      positioned.push({ id: current.id, position: role.position, sourceId: role.id });
    if (options.mode === 'add') continue;
    // The diff names the fields that differ; of those, only what the bot can actually set and is not
    // already so is written (a masked permission or an unavailable feature would otherwise repeat forever).
    const candidates = [...changedFields(ctx.diff, role.id)].flatMap((f) => ROLE_FIELDS[f] ?? []);
    const wanted = body(ctx, role, role.permissions);
    const now = body(ctx, current, current.permissions);
    const changed = candidates.filter(
      (k) => k in wanted && JSON.stringify(wanted[k]) !== JSON.stringify(now[k]),
    );
    const icon = current.id === targetGuild ? undefined : iconChange(ctx, role, current.id);
    if (icon !== undefined) {
      wanted.icon = icon;
      changed.push('icon');
    }
    if (!changed.length) continue;
    if (current.id !== targetGuild && current.position >= ctx.botTop) {
      ctx.problems.push({
        severity: 'warning',
        code: 'role-above-bot',
        message: `Role ${current.name} is above the bot's highest role; it is left as it is.`,
      });
      continue;
    }
    if (changed.includes('permissions')) wanted.permissions = grantable(ctx, role);
    const patch = Object.fromEntries(changed.map((k) => [k, wanted[k]]));
    ctx.ops.push({
      key: `role.update:${current.id}`,
      type: 'role.update',
      deps: [],
      calls: 1,
      targetId: current.id,
      name: role.name,
      body: patch,
    });
  }

  if (options.mode === 'mirror') {
    for (const r of live.structure.roles) {
      if (!ctx.diff.extras.role.has(r.id) || r.managed || r.id === targetGuild) continue;
      if (r.position >= ctx.botTop) {
        ctx.problems.push({
          severity: 'warning',
          code: 'role-above-bot',
          message: `Role ${r.name} is not in the backup but is above the bot; it is kept.`,
        });
        continue;
      }
      ctx.ops.push({
        key: `role.delete:${r.id}`,
        type: 'role.delete',
        deps: [],
        calls: 1,
        targetId: r.id,
        name: r.name,
      });
    }
  }

  const liveCount =
    live.structure.roles.length + creates - ctx.ops.filter((o) => o.type === 'role.delete').length;
  if (liveCount > MAX_ROLES) {
    ctx.problems.push({
      severity: 'blocker',
      code: 'too-many-roles',
      message: `The server would have ${liveCount} roles; Discord allows ${MAX_ROLES}. Delete roles or restore fewer.`,
    });
  }
  if (creates > ROLE_CREATE_QUOTA) {
    ctx.problems.push({
      severity: 'blocker',
      code: 'role-quota',
      message: `${creates} roles to create exceeds Discord's ${ROLE_CREATE_QUOTA} per ~48 hours.`,
    });
  }

  // One bulk reorder, only if something was created or the order differs, and only below the bot.
  const ordered = positioned.sort((a, b) => a.position - b.position);
  const liveOrder = ordered.map((p) =>
    typeof p.id === 'string' ? (liveById.get(p.id)?.position ?? -1) : -1,
  );
  const inOrder = liveOrder.every((pos, i) => pos >= 0 && (i === 0 || pos > (liveOrder[i - 1] as number)));
  if (creates > 0 || !inOrder) {
    const entries = ordered
      .filter((p) => typeof p.id !== 'string' || (liveById.get(p.id)?.position ?? 0) < ctx.botTop)
      .map((p, i) => ({ id: p.id, position: i + 1 }));
    ctx.ops.push({
      key: 'role.positions',
      type: 'role.positions',
      deps: depsOf(...entries.map((e) => e.id)),
      calls: 1,
      entries,
    });
  }
}
