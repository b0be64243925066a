import { DiscordAPIError, type REST } from '@discordjs/rest';
import { ChannelType, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { computeChannelPermissions, permissionLabel } from '../../../discord/permissions';
import type { PermissionName } from '../../../framework/command';
import { type BotStanding, lacking } from '../bot-standing';
import { TICKET_OVERWRITE_PERMISSIONS } from './overwrites';

/** The part of a channel these checks read, validated: it comes from Discord. */
const channelShape = z
  .object({
    id: z.string(),
    type: z.number(),
    parent_id: z.string().nullish(),
    permission_overwrites: z
      .array(z.object({ id: z.string(), type: z.number(), allow: z.string(), deny: z.string() }))
      .default([]),
  })
  .loose();
export type ChannelInfo = z.output<typeof channelShape>;

/** The channel, or null when it does not exist or the bot cannot see it. */
export async function fetchChannel(rest: REST, channelId: string): Promise<ChannelInfo | null> {
  try {
    return channelShape.parse(await rest.get(Routes.channel(channelId)));
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}

/** What the bot needs in the server to create ticket channels with their overwrites. */
export const SERVER_NEEDS: readonly PermissionName[] = [
  // An overwrite can only grant what the bot has itself.
  ...new Set<PermissionName>(['ManageChannels', 'ManageRoles', ...TICKET_OVERWRITE_PERMISSIONS]),
];
/** What it needs in the panel's channel, to post the panel (an embed with a button). */
export const PANEL_NEEDS: readonly PermissionName[] = ['ViewChannel', 'SendMessages', 'EmbedLinks'];
/** What it needs in the category tickets go to. */
const CATEGORY_NEEDS: readonly PermissionName[] = ['ViewChannel', 'ManageChannels'];
/** What it needs in the log channel. */
export const LOG_NEEDS: readonly PermissionName[] = ['ViewChannel', 'SendMessages', 'EmbedLinks'];

const names = (missing: readonly PermissionName[]) =>
  missing.map((p) => `**${permissionLabel(p)}**`).join(', ');

function permissionsIn(standing: BotStanding, botId: string, channel: ChannelInfo | null): bigint {
  return computeChannelPermissions({
    guildId: standing.guild.id,
    ownerId: standing.guild.owner_id,
    userId: botId,
    memberRoles: standing.memberRoles,
    roles: standing.roles,
    overwrites: channel?.permission_overwrites ?? [],
  });
}

/** What the bot lacks in the server to create ticket channels with their overwrites. */
export function serverMissing(standing: BotStanding, botId: string): PermissionName[] {
  return lacking(permissionsIn(standing, botId, null), SERVER_NEEDS);
}

/** Why the bot cannot create ticket channels in this server (empty: it can). */
export function serverProblems(missing: readonly PermissionName[]): string[] {
  return missing.length
    ? [
        `In the server the bot is missing ${names(missing)}: private ticket channels need them, and the bot can only grant members permissions it has itself.`,
      ]
    : [];
}

/** Why the bot cannot post in `channel` with the given needs (empty: it can). */
export function channelProblems(
  standing: BotStanding,
  botId: string,
  channel: ChannelInfo,
  needs: readonly PermissionName[],
): string[] {
  const missing = lacking(permissionsIn(standing, botId, channel), needs);
  return missing.length ? [`In <#${channel.id}> the bot is missing ${names(missing)}.`] : [];
}

/**
 * Why tickets cannot go to this category (empty: they can). Permissions already reported missing in the
 * whole server (`alreadyMissing`) are not repeated.
 */
export function categoryProblems(
  standing: BotStanding,
  botId: string,
  category: ChannelInfo | null,
  alreadyMissing: readonly PermissionName[] = [],
): string[] {
  if (!category) return ['The ticket category no longer exists (or the bot cannot see it).'];
  if (category.type !== ChannelType.GuildCategory) return [`<#${category.id}> is not a category.`];
  const missing = lacking(permissionsIn(standing, botId, category), CATEGORY_NEEDS).filter(
    (p) => !alreadyMissing.includes(p),
  );
  return missing.length ? [`In the category <#${category.id}> the bot is missing ${names(missing)}.`] : [];
}
