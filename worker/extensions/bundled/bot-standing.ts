import type { REST } from '@discordjs/rest';
import {
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
  PermissionFlagsBits,
  Routes,
} from 'discord-api-types/v10';
import { computeChannelPermissions } from '../../discord/permissions';
import type { PermissionName } from '../../framework/command';
import type { CommandContext } from '../../framework/context';

export interface BotStanding {
  /** The position of the bot's highest role: it can manage roles strictly below it. */
  topPosition: number;
  roles: APIRole[];
  guild: APIGuild;
  memberRoles: string[];
}

/** The bot's roles in a guild, for role-hierarchy checks. */
export async function botStanding(rest: REST, guildId: string, botUserId: string): Promise<BotStanding> {
  const [guild, member] = await Promise.all([
    rest.get(Routes.guild(guildId)) as Promise<APIGuild>,
    rest.get(Routes.guildMember(guildId, botUserId)) as Promise<APIGuildMember>,
  ]);
  const roles = guild.roles;
  const byId = new Map(roles.map((r) => [r.id, r]));
  const topPosition = Math.max(0, ...member.roles.map((id) => byId.get(id)?.position ?? 0));
  return { topPosition, roles, guild, memberRoles: member.roles };
}

/** Why the bot cannot hand out `roleId`, or null if it can. */
export function cannotAssign(standing: BotStanding, roleId: string, botUserId: string): string | null {
  const role = standing.roles.find((r) => r.id === roleId);
  if (!role) return 'that role does not exist in this server';
  if (role.id === standing.guild.id) return '@everyone cannot be assigned';
  if (role.managed) return `**${role.name}** is managed by an integration; nobody can assign it`;
  const perms = computeChannelPermissions({
    guildId: standing.guild.id,
    ownerId: standing.guild.owner_id,
    userId: botUserId,
    memberRoles: standing.memberRoles,
    roles: standing.roles,
    overwrites: [],
  });
  if (!(perms & PermissionFlagsBits.ManageRoles)) return 'the bot needs the Manage Roles permission';
  if (role.position >= standing.topPosition)
    return `**${role.name}** is not below the bot's highest role; move the bot's role above it`;
  return null;
}

/** The bot's permissions in a channel. */
export async function botChannelPermissions(
  rest: REST,
  standing: BotStanding,
  channelId: string,
  botUserId: string,
): Promise<bigint> {
  const channel = (await rest.get(Routes.channel(channelId))) as APIChannel & {
    permission_overwrites?: { id: string; type: number; allow: string; deny: string }[];
  };
  return computeChannelPermissions({
    guildId: standing.guild.id,
    ownerId: standing.guild.owner_id,
    userId: botUserId,
    memberRoles: standing.memberRoles,
    roles: standing.roles,
    overwrites: channel.permission_overwrites ?? [],
  });
}

/** The permission names in `needed` that `granted` lacks. */
export function lacking(granted: bigint, needed: readonly PermissionName[]): PermissionName[] {
  return needed.filter((name) => (granted & PermissionFlagsBits[name]) === 0n);
}

/**
 * What the bot lacks to post in a channel (View Channel, Send Messages and any extra), checked now so that a
 * setting is refused at once rather than failing on every event later. Empty when it can post.
 */
export async function missingToPost(
  ctx: Pick<CommandContext, 'restNow' | 'config' | 'guildId'>,
  channelId: string,
  extra: readonly PermissionName[] = [],
): Promise<PermissionName[]> {
  const rest = ctx.restNow();
  const botId = ctx.config.applicationId;
  const standing = await botStanding(rest, ctx.guildId as string, botId);
  const granted = await botChannelPermissions(rest, standing, channelId, botId);
  return lacking(granted, ['ViewChannel', 'SendMessages', ...extra]);
}
