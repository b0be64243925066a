import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { SnapshotChannel } from '../backups/snapshot-schema';
import { MAX_CHANNELS, MAX_PER_CATEGORY, maxBitrate } from './limits';
import { depsOf, type PlanContext } from './plan-context';
import { changedFields } from './plan-diff';
import type { IdOrRef, OverwriteBody } from './plan-types';

const MANAGE_ROLES = PermissionFlagsBits.ManageRoles;

/**
 * A channel's overwrites in the target: roles and members mapped by id. An overwrite that cannot be
 * mapped never opens the channel: its denies move onto @everyone (stricter for everyone), its allows are
 * dropped. Without Administrator the bot cannot set Manage Roles in overwrites, so that bit is left out.
 */
function mapOverwrites(ctx: PlanContext, channel: SnapshotChannel): OverwriteBody[] {
  const sourceGuild = ctx.snapshot.guild.id;
  const targetGuild = ctx.live.structure.guild.id;
  const out: OverwriteBody[] = [];
  let extraEveryoneDeny = 0n;
  for (const o of channel.overwrites) {
    let id: IdOrRef | null = null;
    if (o.type === 0) {
      if (o.id === sourceGuild) id = targetGuild;
      else if (ctx.restorableRoles.has(o.id)) id = ctx.ids.idOrRef('role', o.id);
    } else if (ctx.live.members ? ctx.live.members.has(o.id) : ctx.ids.sameGuild) {
      id = o.id;
    }
    if (id === null) {
      if (BigInt(o.deny) !== 0n) extraEveryoneDeny |= BigInt(o.deny);
      ctx.problems.push({
        severity: 'warning',
        code: 'overwrite-unmapped',
        message: `#${channel.name}: an overwrite for a ${o.type === 0 ? 'role' : 'member'} that is not in the server was ${BigInt(o.deny) !== 0n ? 'applied to @everyone as a deny (stricter, never more open)' : 'left out'}.`,
      });
      continue;
    }
    let allow = BigInt(o.allow);
    let deny = BigInt(o.deny);
    if (!ctx.botAdmin && (allow | deny) & MANAGE_ROLES) {
      allow &= ~MANAGE_ROLES;
      deny &= ~MANAGE_ROLES;
      ctx.problems.push({
        severity: 'warning',
        code: 'overwrite-manage-roles',
        message: `#${channel.name}: only an administrator bot can set Manage Permissions in overwrites; left out.`,
      });
    }
    out.push({ id, type: o.type, allow: allow.toString(), deny: deny.toString() });
  }
  if (extraEveryoneDeny) {
    const everyone = out.find((o) => o.id === targetGuild);
    if (everyone) everyone.deny = (BigInt(everyone.deny) | extraEveryoneDeny).toString();
    else out.push({ id: targetGuild, type: 0, allow: '0', deny: extraEveryoneDeny.toString() });
  }
  return out;
}

function fieldsOf(ctx: PlanContext, c: SnapshotChannel): Record<string, unknown> {
  const tier = ctx.live.structure.guild.premiumTier;
  const features = [...ctx.features];
  let type = c.type;
  if (type === ChannelType.GuildAnnouncement && !ctx.features.has('NEWS') && !ctx.features.has('COMMUNITY')) {
    type = ChannelType.GuildText;
    ctx.problems.push({
      severity: 'warning',
      code: 'announcement-downgraded',
      message: `#${c.name} becomes a text channel: announcement channels need a Community server.`,
    });
  }
  const b: Record<string, unknown> = { name: c.name, type, nsfw: c.nsfw };
  if (c.topic !== null) b.topic = c.topic;
  if (c.rateLimitPerUser !== null) b.rate_limit_per_user = c.rateLimitPerUser;
  if (c.bitrate !== null) {
    const max = maxBitrate(tier, features, type === ChannelType.GuildStageVoice);
    if (c.bitrate > max)
      ctx.problems.push({
        severity: 'warning',
        code: 'bitrate-clamped',
        message: `${c.name}: bitrate lowered to ${max / 1000} kbps for this server's boost level.`,
      });
    b.bitrate = Math.min(c.bitrate, max);
  }
  if (c.userLimit !== null) b.user_limit = c.userLimit;
  if (c.rtcRegion !== null) b.rtc_region = c.rtcRegion;
  if (c.videoQualityMode !== null) b.video_quality_mode = c.videoQualityMode;
  if (c.defaultAutoArchiveDuration !== null) b.default_auto_archive_duration = c.defaultAutoArchiveDuration;
  if (c.defaultThreadRateLimitPerUser !== null)
    b.default_thread_rate_limit_per_user = c.defaultThreadRateLimitPerUser;
  if (c.availableTags.length)
    b.available_tags = c.availableTags
      .slice(0, 20)
      .map((t) => ({ name: t.name, moderated: t.moderated, emoji_id: t.emojiId, emoji_name: t.emojiName }));
  if (c.defaultSortOrder !== null) b.default_sort_order = c.defaultSortOrder;
  if (c.defaultForumLayout !== null) b.default_forum_layout = c.defaultForumLayout;
  return b;
}

/** The body key each channel field of the shared diff stands for (type changes recreate the channel). */
const CHANNEL_FIELDS: Record<string, string> = {
  name: 'name',
  topic: 'topic',
  nsfw: 'nsfw',
  rateLimitPerUser: 'rate_limit_per_user',
  bitrate: 'bitrate',
  userLimit: 'user_limit',
  rtcRegion: 'rtc_region',
  videoQualityMode: 'video_quality_mode',
  defaultAutoArchiveDuration: 'default_auto_archive_duration',
  defaultThreadRateLimitPerUser: 'default_thread_rate_limit_per_user',
  availableTags: 'available_tags',
  defaultSortOrder: 'default_sort_order',
  defaultForumLayout: 'default_forum_layout',
};

const sortOverwrites = (list: OverwriteBody[]) =>
  JSON.stringify(
    [...list]
      .map((o) => ({ ...o, id: typeof o.id === 'string' ? o.id : o.id.ref }))
      .sort((a, b) => `${a.type}:${a.id}`.localeCompare(`${b.type}:${b.id}`)),
  );

/** Categories first, then the other channels: created with parent and overwrites inline, repaired, deleted, reordered. */
export function planChannels(ctx: PlanContext) {
  const { snapshot, live, options, ids } = ctx;
  const liveById = new Map(live.structure.channels.map((c) => [c.id, c]));
  const wanted = (c: SnapshotChannel) =>
    options.components.has(c.type === ChannelType.GuildCategory ? 'categories' : 'channels');
  const ordered = [...snapshot.channels].sort(
    (a, b) => Number(b.type === ChannelType.GuildCategory) - Number(a.type === ChannelType.GuildCategory),
  );
  let creates = 0;
  const positions: { id: IdOrRef; position: number; moved: boolean }[] = [];

  for (const c of ordered) {
    const targetId = ids.target(c.id);
    const current = targetId ? liveById.get(targetId) : undefined;
    if (current) ctx.restorableChannels.add(c.id);
    if (!wanted(c)) continue;
    const parent: IdOrRef | null =
      c.parentId &&
      (ctx.restorableChannels.has(c.parentId) || wanted({ ...c, type: ChannelType.GuildCategory }))
        ? ids.idOrRef('channel', c.parentId)
        : null;
    const overwrites = mapOverwrites(ctx, c);
    const fields = fieldsOf(ctx, c);
    const typeChanged =
      current &&
      current.type !== fields.type &&
      !([0, 5].includes(current.type) && [0, 5].includes(fields.type as number));
    if (!current || (typeChanged && options.mode !== 'add')) {
      if (current) {
        ctx.problems.push({
          severity: 'warning',
          code: 'channel-type-changed',
          message: `#${c.name} changed type; it is deleted and created again (its id changes).`,
        });
        ctx.ops.push({
          key: `channel.delete:${current.id}`,
          type: 'channel.delete',
          deps: [],
          calls: 1,
          targetId: current.id,
          name: current.name,
        });
      }
      ctx.ops.push({
        key: `channel.create:${c.id}`,
        type: 'channel.create',
        deps: depsOf(...(parent ? [parent] : []), ...overwrites.map((o) => o.id)),
        calls: 1,
        sourceId: c.id,
        body: { ...fields, parent_id: parent, permission_overwrites: overwrites },
      });
      ctx.restorableChannels.add(c.id);
      creates++;
      positions.push({ id: { ref: `channel:${c.id}` }, position: c.position, moved: true });
      continue;
    }
    positions.push({ id: current.id, position: c.position, moved: current.position !== c.position });
    if (options.mode === 'add') continue;
    // The shared diff names what differs; of that, only what the bot can set and is not already so is
    // written (a clamped bitrate or a stricter unmapped overwrite must not repeat on every restore).
    const diffFields = changedFields(ctx.diff, c.id);
    const now = fieldsOf({ ...ctx, problems: [] }, current);
    const patch: Record<string, unknown> = {};
    for (const field of diffFields) {
      const k = CHANNEL_FIELDS[field];
      if (k && k in fields && JSON.stringify(fields[k]) !== JSON.stringify(now[k])) patch[k] = fields[k];
    }
    const liveParent = current.parentId;
    if (
      diffFields.has('parentId') &&
      (typeof parent === 'string' ? parent : parent ? 'new' : null) !== liveParent
    )
      patch.parent_id = parent;
    if (diffFields.has('overwrites') && sortOverwrites(overwrites) !== sortOverwrites(current.overwrites))
      patch.permission_overwrites = overwrites;
    if (Object.keys(patch).length) {
      ctx.ops.push({
        key: `channel.update:${current.id}`,
        type: 'channel.update',
        deps: depsOf(...(parent ? [parent] : []), ...overwrites.map((o) => o.id)),
        calls: 1,
        targetId: current.id,
        name: c.name,
        body: patch,
      });
    }
  }

  if (options.mode === 'mirror') {
    const g = live.structure.guild;
    for (const c of live.structure.channels) {
      if (!ctx.diff.extras.channel.has(c.id)) continue;
      if (!options.components.has(c.type === ChannelType.GuildCategory ? 'categories' : 'channels')) continue;
      if (c.id === g.rulesChannelId || c.id === g.publicUpdatesChannelId) {
        ctx.problems.push({
          severity: 'warning',
          code: 'community-channel-kept',
          message: `#${c.name} is the server's rules or updates channel; Discord does not allow deleting it.`,
        });
        continue;
      }
      ctx.ops.push({
        key: `channel.delete:${c.id}`,
        type: 'channel.delete',
        deps: [],
        calls: 1,
        targetId: c.id,
        name: c.name,
      });
    }
  }

  const deletes = ctx.ops.filter((o) => o.type === 'channel.delete').length;
  const total = live.structure.channels.length + creates - deletes;
  if (total > MAX_CHANNELS)
    ctx.problems.push({
      severity: 'blocker',
      code: 'too-many-channels',
      message: `The server would have ${total} channels; Discord allows ${MAX_CHANNELS}.`,
    });
  const perParent = new Map<string, number>();
  for (const c of snapshot.channels)
    if (c.parentId) perParent.set(c.parentId, (perParent.get(c.parentId) ?? 0) + 1);
  for (const [parentId, n] of perParent) {
    if (n > MAX_PER_CATEGORY)
      ctx.problems.push({
        severity: 'blocker',
        code: 'category-full',
        message: `Category ${parentId} would hold ${n} channels; Discord allows ${MAX_PER_CATEGORY}.`,
      });
  }
  if (positions.some((p) => p.moved)) {
    const entries = positions.map((p) => ({ id: p.id, position: p.position }));
    ctx.ops.push({
      key: 'channel.positions',
      type: 'channel.positions',
      deps: depsOf(...entries.map((e) => e.id)),
      calls: 1,
      entries,
    });
  }
}
