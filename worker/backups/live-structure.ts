import type { REST } from '@discordjs/rest';
import { type APIGuild, type APIGuildChannel, type GuildChannelType, Routes } from 'discord-api-types/v10';
import type { Structure } from './diff';
import { channelOf, emojiOf, guildSettingsOf, NO_IMAGES, roleOf, stickerOf } from './mappers';

export type LiveStructure = Structure & {
  /** Discord's hashes of the server's images now (the structure itself carries no image bytes). */
  imageHashes: {
    icon: string | null;
    banner: string | null;
    splash: string | null;
    /** Role id → the role's icon hash. */
    roles: Record<string, string | null>;
  };
};

/**
 * The live guild's structure in two REST calls (no images, members or bans): enough to compare with a
 * backup by id and field. Images are left out, so a diff against it should not compare them.
 */
export async function readLiveStructure(
  rest: REST,
  guildId: string,
  signal?: AbortSignal,
): Promise<LiveStructure> {
  const opts = signal ? { signal } : {};
  const [guild, channels] = (await Promise.all([
    rest.get(Routes.guild(guildId), opts),
    rest.get(Routes.guildChannels(guildId), opts),
  ])) as [APIGuild, APIGuildChannel<GuildChannelType>[]];
  return {
    imageHashes: {
      icon: guild.icon ?? null,
      banner: guild.banner ?? null,
      splash: guild.splash ?? null,
      roles: Object.fromEntries(guild.roles.map((r) => [r.id, r.icon ?? null])),
    },
    guild: guildSettingsOf(guild, NO_IMAGES),
    roles: guild.roles.map((r) => roleOf(r, null)),
    channels: channels.map(channelOf),
    emojis: guild.emojis.map((e) => emojiOf(e, null)),
    stickers: (guild.stickers ?? []).map((s) => stickerOf(s, null)),
  };
}
