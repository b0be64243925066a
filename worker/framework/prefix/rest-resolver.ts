import type { REST } from '@discordjs/rest';
import {
  type APIChannel,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  Routes,
} from 'discord-api-types/v10';
import type { ArgumentResolver } from './convert-args';

const SNOWFLAKE = /^\d{17,20}$/;

/** Resolves prefix arguments against the invoking guild over REST, fetching each list at most once. */
export function restResolver(rest: REST, guildId: string | null): ArgumentResolver {
  let roles: Promise<APIRole[]> | undefined;
  let channels: Promise<APIChannel[]> | undefined;
  const guildRoles = () => {
    roles ??= guildId ? (rest.get(Routes.guildRoles(guildId)) as Promise<APIRole[]>) : Promise.resolve([]);
    return roles;
  };
  const guildChannels = () => {
    channels ??= guildId
      ? (rest.get(Routes.guildChannels(guildId)) as Promise<APIChannel[]>)
      : Promise.resolve([]);
    return channels;
  };
  return {
    async user(idOrName) {
      if (guildId) {
        try {
          if (SNOWFLAKE.test(idOrName)) {
            const member = (await rest.get(Routes.guildMember(guildId, idOrName))) as APIGuildMember;
            return { id: idOrName, user: member.user, roles: member.roles };
          }
          const found = (await rest.get(Routes.guildMembersSearch(guildId), {
            query: new URLSearchParams({ query: idOrName, limit: '1' }),
          })) as APIGuildMember[];
          const member = found[0];
          return member?.user ? { id: member.user.id, user: member.user, roles: member.roles } : null;
        } catch {
          return null;
        }
      }
      if (!SNOWFLAKE.test(idOrName)) return null;
      try {
        const user = (await rest.get(Routes.user(idOrName))) as APIUser;
        return { id: user.id, user };
      } catch {
        return null;
      }
    },
    async role(idOrName) {
      const lower = idOrName.toLowerCase();
      const role = (await guildRoles()).find((r) => r.id === idOrName || r.name.toLowerCase() === lower);
      return role ? { id: role.id, role } : null;
    },
    async channel(idOrName) {
      const lower = idOrName.toLowerCase();
      const channel = (await guildChannels()).find(
        (c) => c.id === idOrName || ('name' in c && c.name?.toLowerCase() === lower),
      );
      return channel
        ? {
            id: channel.id,
            channel: { id: channel.id, type: channel.type, name: 'name' in channel ? channel.name : null },
          }
        : null;
    },
  };
}
