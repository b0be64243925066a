import type { REST } from '@discordjs/rest';
import { type APIGuild, type APIUser, Routes } from 'discord-api-types/v10';
import { avatarUrl } from '../../../framework/embeds';
import type { TemplateValues } from './template';

/** The server's name and member count, and the member's name and avatar, for a greeting. */
export async function greetingValues(
  rest: REST,
  guildId: string,
  user: Pick<APIUser, 'id' | 'username' | 'global_name' | 'avatar'>,
): Promise<TemplateValues & { avatarUrl?: string }> {
  const guild = (await rest.get(Routes.guild(guildId), {
    query: new URLSearchParams({ with_counts: 'true' }),
  })) as APIGuild;
  return {
    userId: user.id,
    userName: user.global_name ?? user.username,
    server: guild.name,
    memberCount: guild.approximate_member_count ?? null,
    avatarUrl: avatarUrl(user),
  };
}
