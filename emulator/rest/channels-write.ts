import { type APIOverwrite, PermissionFlagsBits } from 'discord-api-types/v10';
import { AuditLogEvent, diffChanges, recordAudit } from '../audit-log';
import type { EmulatorContext } from '../context';
import { deleteChannel } from '../control-guilds';
import { FormErrors, isRecord } from '../form-errors';
import { type BotStanding, botStanding, requireOverwriteBits, requirePermission } from '../hierarchy';
import { ApiError, errors, json, noContent } from '../http';
import { computeChannelPermissions, has, parseBits } from '../permissions';
import { channelObject } from '../serialize';
import type { ChannelRecord, GuildRecord } from '../state';
import { checkBitrate, checkParent, GUILD_CHANNEL_TYPES, parseChannelBody } from './channel-body';
import { type AddRoute, bodyRecord, requireChannel, requireGuild } from './route';

/**
 * Channel writes (`developers/resources/guild.mdx`, `channel.mdx`): create, modify, delete and bulk positions.
 * Need Manage Channels; overwrites may only allow/deny permissions the bot has (Manage Roles in an overwrite:
 * Administrators only); editing overwrites needs Manage Roles. Limits: 500 channels (30013), 50 per category
 * (50035 `CHANNEL_PARENT_MAX_CHANNELS`), one `parent_id` change per positions request (40009). The rules and
 * public updates channels of a Community guild cannot be deleted (50074).
 */
export const MAX_CHANNELS = 500;

const AUDIT_KEYS = [
  'name',
  'type',
  'topic',
  'nsfw',
  'bitrate',
  'user_limit',
  'rate_limit_per_user',
  'rtc_region',
  'video_quality_mode',
  'default_auto_archive_duration',
  'permission_overwrites',
  'parent_id',
  'position',
  'available_tags',
  'default_reaction_emoji',
  'default_sort_order',
  'default_forum_layout',
  'default_thread_rate_limit_per_user',
  'flags',
] as const;

const asRecord = (ctx: EmulatorContext, c: ChannelRecord) =>
  channelObject(ctx, c) as unknown as Record<string, unknown>;

/** Bits an overwrite list change touches (allow or deny turned on or off), over all ids. */
function changedBits(before: APIOverwrite[], after: APIOverwrite[]): bigint {
  const key = (o: APIOverwrite) => `${Number(o.type)}:${o.id}`;
  const old = new Map(before.map((o) => [key(o), o]));
  const now = new Map(after.map((o) => [key(o), o]));
  let bits = 0n;
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(k);
    const b = now.get(k);
    bits |= parseBits(a?.allow) ^ parseBits(b?.allow);
    bits |= parseBits(a?.deny) ^ parseBits(b?.deny);
  }
  return bits;
}

function siblingsEnd(ctx: EmulatorContext, guild: GuildRecord, parentId: string | null): number {
  const positions = ctx.store
    .guildChannels(guild.id)
    .filter((c) => (c.parent_id ?? null) === parentId)
    .map((c) => c.position ?? 0);
  return positions.length === 0 ? 0 : Math.max(...positions) + 1;
}

function guildOf(ctx: EmulatorContext, channel: ChannelRecord): GuildRecord {
  const guild = channel.guild_id ? ctx.store.guild(channel.guild_id) : undefined;
  if (!guild) throw new ApiError(400, 50003, 'Cannot execute action on a DM channel');
  return guild;
}

export function registerChannelWriteRoutes(add: AddRoute): void {
  add('POST', '/guilds/:guildId/channels', {
    auth: 'bot',
    bucket: 'channelCreate',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageChannels);
      const data = bodyRecord(body);
      const type = data.type ?? 0;
      if (typeof type !== 'number' || !GUILD_CHANNEL_TYPES.has(type)) {
        const form = new FormErrors();
        form.add(
          ['type'],
          'BASE_TYPE_CHOICES',
          `Value must be one of ${[...GUILD_CHANNEL_TYPES].join(', ')}.`,
        );
        form.throwIfAny();
      }
      const parsed = parseChannelBody(data, type as number, { create: true, newId: ctx.newId });
      const overwrites = parsed.overwrites ?? [];
      requireOverwriteBits(standing, changedBits([], overwrites));
      const channels = ctx.store.guildChannels(guild.id);
      const parentId = parsed.parentId ?? null;
      checkParent(guild, channels, type as number, parentId);
      checkBitrate(guild, type as number, parsed.fields);
      if (channels.length >= MAX_CHANNELS) throw errors.maxChannels();
      const channel: ChannelRecord = {
        id: ctx.newId(),
        type: type as number,
        guild_id: guild.id,
        position: siblingsEnd(ctx, guild, parentId),
        flags: 0,
        ...parsed.fields,
        parent_id: parentId,
        permission_overwrites: overwrites,
      };
      ctx.store.state.channels.push(channel);
      const changes = diffChanges(null, asRecord(ctx, channel), AUDIT_KEYS);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.ChannelCreate,
        target_id: channel.id,
        changes,
      });
      return json(201, channelObject(ctx, channel));
    },
  });

  add('PATCH', '/channels/:channelId', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params, body, reason }) => {
      const channel = requireChannel(ctx, params.channelId!);
      const guild = guildOf(ctx, channel);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageChannels);
      const data = bodyRecord(body);
      let type = channel.type;
      if (data.type !== undefined && data.type !== channel.type) {
        const convertible = [0, 5].includes(channel.type) && [0, 5].includes(data.type as number);
        if (!convertible || !guild.features.includes('NEWS'))
          throw new ApiError(400, 50024, 'Cannot execute action on this channel type');
        type = data.type as number;
      }
      const parsed = parseChannelBody(data, type, {
        create: false,
        newId: ctx.newId,
        existingTags: (channel.available_tags as { id: string }[] | undefined) ?? [],
      });
      if (parsed.overwrites) checkOverwriteEdit(ctx, standing, channel, parsed.overwrites);
      if (parsed.parentId !== undefined && parsed.parentId !== (channel.parent_id ?? null))
        checkParent(guild, ctx.store.guildChannels(guild.id), type, parsed.parentId, channel.id);
      checkBitrate(guild, type, parsed.fields);
      const before = asRecord(ctx, channel);
      Object.assign(channel, parsed.fields, { type });
      if (parsed.parentId !== undefined) channel.parent_id = parsed.parentId;
      if (parsed.overwrites) channel.permission_overwrites = parsed.overwrites;
      const changes = diffChanges(before, asRecord(ctx, channel), AUDIT_KEYS);
      if (changes.length > 0)
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.ChannelUpdate,
          target_id: channel.id,
          changes,
        });
      return json(200, channelObject(ctx, channel));
    },
  });

  add('DELETE', '/channels/:channelId', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params, reason }) => {
      const channel = requireChannel(ctx, params.channelId!);
      const guild = guildOf(ctx, channel);
      requirePermission(botStanding(ctx, guild), PermissionFlagsBits.ManageChannels);
      const required = [guild.rules_channel_id, guild.public_updates_channel_id];
      if (guild.features.includes('COMMUNITY') && required.includes(channel.id))
        throw errors.communityChannelRequired();
      const before = asRecord(ctx, channel);
      deleteChannel(ctx, channel.id);
      const changes = diffChanges(before, null, AUDIT_KEYS);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.ChannelDelete,
        target_id: channel.id,
        changes,
      });
      return json(200, before);
    },
  });

  add('PATCH', '/guilds/:guildId/channels', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageChannels);
      const entries = parseChannelPositions(ctx, guild, body);
      const moving = entries.filter(
        (e) => e.parentId !== undefined && e.parentId !== (e.channel.parent_id ?? null),
      );
      if (moving.length > 1) throw errors.oneParentAtATime();
      for (const e of moving) {
        const perms = computeChannelPermissions(guild, e.channel, ctx.store.state.botUserId) ?? 0n;
        if (!has(perms, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageChannels))
          throw errors.missingAccess();
        checkParent(
          guild,
          ctx.store.guildChannels(guild.id),
          e.channel.type,
          e.parentId ?? null,
          e.channel.id,
        );
        if (e.lock) requirePermission(standing, PermissionFlagsBits.ManageRoles);
      }
      for (const e of entries) {
        const before = asRecord(ctx, e.channel);
        if (e.position !== undefined) e.channel.position = e.position;
        if (e.parentId !== undefined && e.parentId !== (e.channel.parent_id ?? null)) {
          e.channel.parent_id = e.parentId;
          const parent = e.parentId ? ctx.store.channel(e.parentId) : undefined;
          if (e.lock && parent)
            e.channel.permission_overwrites = structuredClone(parent.permission_overwrites ?? []);
        }
        const changes = diffChanges(before, asRecord(ctx, e.channel), AUDIT_KEYS);
        if (changes.length > 0)
          recordAudit(ctx, guild, reason, {
            action_type: AuditLogEvent.ChannelUpdate,
            target_id: e.channel.id,
            changes,
          });
      }
      return noContent();
    },
  });
}

/**
 * Editing overwrites needs Manage Roles (in the guild or the channel). Only permissions the bot has in the guild or
 * the parent category may change, unless a channel overwrite gives it Manage Roles; Manage Roles itself only for
 * Administrators.
 */
function checkOverwriteEdit(
  ctx: EmulatorContext,
  standing: BotStanding,
  channel: ChannelRecord,
  next: APIOverwrite[],
): void {
  const botId = ctx.store.state.botUserId;
  const inChannel = computeChannelPermissions(standing.guild, channel, botId) ?? 0n;
  const manageRoles = PermissionFlagsBits.ManageRoles;
  if (!has(standing.permissions, manageRoles) && !has(inChannel, manageRoles))
    throw errors.missingPermissions();
  const changed = changedBits(channel.permission_overwrites ?? [], next);
  if (!standing.admin && has(inChannel, manageRoles) && !has(standing.permissions, manageRoles)) {
    if (has(changed, manageRoles)) throw errors.missingPermissions();
    return;
  }
  const parent = channel.parent_id ? ctx.store.channel(channel.parent_id) : undefined;
  const inParent = parent ? (computeChannelPermissions(standing.guild, parent, botId) ?? 0n) : 0n;
  requireOverwriteBits(standing, changed, inParent);
}

interface PositionEntry {
  channel: ChannelRecord;
  position?: number;
  parentId?: string | null;
  lock: boolean;
}

function parseChannelPositions(ctx: EmulatorContext, guild: GuildRecord, body: unknown): PositionEntry[] {
  const form = new FormErrors();
  if (!Array.isArray(body)) {
    form.add([], 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    form.throwIfAny();
  }
  const out: PositionEntry[] = [];
  (body as unknown[]).forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.id !== 'string') {
      form.add([i, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    const channel = ctx.store.channel(entry.id);
    if (!channel || channel.guild_id !== guild.id) throw errors.unknownChannel();
    const position = entry.position ?? undefined;
    if (position !== undefined && !Number.isInteger(position))
      form.add([i, 'position'], 'NUMBER_TYPE_COERCE', `Value "${String(position)}" is not int.`);
    const parent = entry.parent_id;
    if (parent !== undefined && parent !== null && typeof parent !== 'string')
      form.add([i, 'parent_id'], 'NUMBER_TYPE_COERCE', 'Value is not snowflake.');
    const item: PositionEntry = { channel, lock: entry.lock_permissions === true };
    if (Number.isInteger(position)) item.position = position as number;
    if (parent !== undefined) item.parentId = parent as string | null;
    out.push(item);
  });
  form.throwIfAny();
  return out;
}
