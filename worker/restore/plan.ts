import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Snapshot } from '../backups/snapshot-schema';
import { SECONDS_PER_CALL } from './limits';
import { planChannels } from './plan-channels';
import { IdResolver, type PlanContext } from './plan-context';
import { planDiff } from './plan-diff';
import { planExpressions } from './plan-expressions';
import { planMembers } from './plan-members';
import { linkManagedRoles, planRoles } from './plan-roles';
import { planSettings } from './plan-settings';
import type { LiveGuild, OperationType, PlanOptions, RestorePlan } from './plan-types';

/**
 * The restore plan: what applying `snapshot` to the live guild would do, as typed operations with
 * deterministic keys and dependencies, the API calls they need, an estimate of the time, and every
 * problem found before anything is written. Pure: it reads nothing and writes nothing.
 */
export function planRestore(
  snapshot: Snapshot,
  live: LiveGuild,
  options: PlanOptions,
  persistedIdMap: ReadonlyMap<string, string> = new Map(),
): RestorePlan {
  const liveRoles = new Map(live.structure.roles.map((r) => [r.id, r]));
  const botTop = Math.max(0, ...live.bot.roleIds.map((id) => liveRoles.get(id)?.position ?? 0));
  const liveIds = [
    ...live.structure.roles.map((r) => r.id),
    ...live.structure.channels.map((c) => c.id),
    ...live.structure.emojis.map((e) => e.id),
    ...live.structure.stickers.map((s) => s.id),
  ];
  const ctx: PlanContext = {
    snapshot,
    live,
    options,
    ids: new IdResolver(snapshot.guild.id, live.structure.guild.id, liveIds, persistedIdMap),
    diff: { changes: new Map(), extras: { role: new Set(), channel: new Set() } },
    ops: [],
    problems: [],
    botTop,
    botAdmin: (live.bot.permissions & PermissionFlagsBits.Administrator) !== 0n,
    features: new Set(live.structure.guild.features),
    restorableRoles: new Set([snapshot.guild.id]),
    restorableChannels: new Set(),
  };

  if (!ctx.botAdmin && !(live.bot.permissions & PermissionFlagsBits.ManageRoles)) {
    ctx.problems.push({
      severity: 'blocker',
      code: 'bot-permissions',
      message: 'The bot needs Manage Roles and Manage Channels (or Administrator) to restore.',
    });
  }
  if (live.structure.guild.mfaLevel === 1) {
    ctx.problems.push({
      severity: 'warning',
      code: 'two-factor',
      message:
        'This server requires two-factor authentication for moderators: the bot owner’s account must have 2FA enabled, or role and channel changes will fail.',
    });
  }

  linkManagedRoles(ctx);
  ctx.diff = planDiff(snapshot, live.structure, ctx.ids);
  if (options.components.has('roles')) planRoles(ctx);
  else for (const r of snapshot.roles) if (ctx.ids.target(r.id)) ctx.restorableRoles.add(r.id);
  planExpressions(ctx);
  planChannels(ctx);
  planSettings(ctx);
  planMembers(ctx);

  const deletes = ctx.ops.filter((o) => o.type.endsWith('.delete') || o.type === 'ban.remove');
  const operations = [...ctx.ops.filter((o) => !deletes.includes(o)), ...deletes];
  const counts: Partial<Record<OperationType, number>> = {};
  let calls = 0;
  let estimateSeconds = 0;
  for (const op of operations) {
    counts[op.type] = (counts[op.type] ?? 0) + 1;
    calls += op.calls;
    estimateSeconds += op.calls * (SECONDS_PER_CALL[op.type] ?? SECONDS_PER_CALL.default ?? 0.5);
  }
  const seen = new Set<string>();
  const problems = ctx.problems.filter((p) => !seen.has(p.message) && seen.add(p.message));
  return {
    operations,
    problems,
    calls,
    estimateSeconds: Math.ceil(estimateSeconds),
    sameGuild: ctx.ids.sameGuild,
    counts,
  };
}
