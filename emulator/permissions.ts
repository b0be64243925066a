import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord } from './state';

/**
 * Permission computation per `developers/topics/permissions.mdx` ("Permission Overwrites"): base permissions from
 * @everyone and the member's roles (owner and Administrator get everything), then channel overwrites in the
 * documented order (@everyone, roles, member). Bitfields are bigints internally and decimal strings on the wire.
 */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export function parseBits(value: string | undefined | null): bigint {
  return value ? BigInt(value) : 0n;
}

export function has(permissions: bigint, bit: bigint): boolean {
  return (permissions & bit) === bit;
}

export function computeBasePermissions(
  guild: GuildRecord,
  userId: string,
  roleIds: readonly string[],
): bigint {
  if (guild.owner_id === userId) return ALL_PERMISSIONS;
  const everyone = guild.roles.find((r) => r.id === guild.id);
  let permissions = parseBits(everyone?.permissions);
  for (const roleId of roleIds) {
    const role = guild.roles.find((r) => r.id === roleId);
    if (role) permissions |= parseBits(role.permissions);
  }
  if (has(permissions, PermissionFlagsBits.Administrator)) return ALL_PERMISSIONS;
  return permissions;
}

export function computeOverwrites(
  base: bigint,
  guild: GuildRecord,
  channel: ChannelRecord,
  userId: string,
  roleIds: readonly string[],
): bigint {
  if (has(base, PermissionFlagsBits.Administrator)) return ALL_PERMISSIONS;
  const overwrites = channel.permission_overwrites ?? [];
  let permissions = base;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) {
    permissions &= ~parseBits(everyone.deny);
    permissions |= parseBits(everyone.allow);
  }
  let allow = 0n;
  let deny = 0n;
  for (const roleId of roleIds) {
    const overwrite = overwrites.find((o) => o.id === roleId && Number(o.type) === 0);
    if (overwrite) {
      allow |= parseBits(overwrite.allow);
      deny |= parseBits(overwrite.deny);
    }
  }
  permissions &= ~deny;
  permissions |= allow;
  const member = overwrites.find((o) => o.id === userId && Number(o.type) === 1);
  if (member) {
    permissions &= ~parseBits(member.deny);
    permissions |= parseBits(member.allow);
  }
  return permissions;
}

/** The member's permissions in a channel; `undefined` when the user is not a member of the channel's guild. */
export function computeChannelPermissions(
  guild: GuildRecord,
  channel: ChannelRecord,
  userId: string,
): bigint | undefined {
  const member = guild.members.find((m) => m.user_id === userId);
  if (!member) return undefined;
  const base = computeBasePermissions(guild, userId, member.roles);
  return computeOverwrites(base, guild, channel, userId, member.roles);
}

export function computeGuildPermissions(guild: GuildRecord, userId: string): bigint | undefined {
  const member = guild.members.find((m) => m.user_id === userId);
  return member ? computeBasePermissions(guild, userId, member.roles) : undefined;
}

/**
 * What the bot gets in a DM. The docs say `app_permissions` in DMs includes ATTACH_FILES | EMBED_LINKS |
 * MENTION_EVERYONE (+ USE_EXTERNAL_EMOJIS in the bot's own DM); the basic text permissions are added so that
 * "can the bot send here" checks behave.
 */
export const DM_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;
