import type { REST } from '@discordjs/rest';
import { type APIBan, type APIGuildMember, Routes } from 'discord-api-types/v10';
import { missingAccess, paginate } from '../backups/capture';
import { readLiveStructure } from '../backups/live-structure';
import { computeChannelPermissions } from '../discord/permissions';
import type { GuildSettingsStore } from '../settings/guild-settings';
import type { LiveGuild } from './plan-types';

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (missingAccess(error)) return null;
    throw error;
  }
}

/** The target guild as a restore plan needs it: structure, members' roles, bans, and the bot's standing. */
export async function readLiveGuild(
  rest: REST,
  guildId: string,
  botUserId: string,
  need: { members: boolean; bans: boolean },
  settings?: GuildSettingsStore,
): Promise<LiveGuild> {
  const [structure, botMember, members, bans] = await Promise.all([
    readLiveStructure(rest, guildId),
    rest.get(Routes.guildMember(guildId, botUserId)) as Promise<APIGuildMember>,
    need.members
      ? orNull(() =>
          paginate(
            (after) =>
              rest.get(Routes.guildMembers(guildId), {
                query: new URLSearchParams({ limit: '1000', after }),
              }) as Promise<APIGuildMember[]>,
            (m) => m.user.id,
          ),
        )
      : Promise.resolve(null),
    need.bans
      ? orNull(() =>
          paginate(
            (after) =>
              rest.get(Routes.guildBans(guildId), {
                query: new URLSearchParams({ limit: '1000', after }),
              }) as Promise<APIBan[]>,
            (b) => b.user.id,
          ),
        )
      : Promise.resolve(null),
  ]);
  const permissions = computeChannelPermissions({
    guildId,
    ownerId: structure.guild.ownerId,
    userId: botUserId,
    memberRoles: botMember.roles,
    roles: structure.roles.map((r) => ({ id: r.id, permissions: r.permissions })),
    overwrites: [],
  });
  const [prefixes, requirements] = settings
    ? await Promise.all([settings.prefixes(guildId), settings.roleRequirements(guildId)])
    : [null, null];
  return {
    ...(prefixes && requirements
      ? {
          botSettings: {
            prefix: prefixes.custom ? prefixes.prefix : null,
            mentionPrefix: prefixes.mentionSetting,
            roleRequirements: requirements,
          },
        }
      : {}),
    structure: {
      guild: structure.guild,
      roles: structure.roles,
      channels: structure.channels,
      emojis: structure.emojis,
      stickers: structure.stickers,
    },
    imageHashes: structure.imageHashes,
    members: members ? new Map(members.map((m) => [m.user.id, m.roles])) : null,
    bans: bans ? new Set(bans.map((b) => b.user.id)) : null,
    bot: { userId: botUserId, roleIds: botMember.roles, permissions },
  };
}
