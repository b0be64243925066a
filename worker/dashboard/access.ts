import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { OAuthGuild } from './discord-oauth';
import type { GrantRole } from './grants';

export type Capability = 'view' | 'settings' | 'backups' | 'restore';
export type Access = 'owner' | 'admin' | GrantRole;

const ALL: Capability[] = ['view', 'settings', 'backups', 'restore'];
const GRANTED: Record<GrantRole, Capability[]> = {
  viewer: ['view'],
  settings: ['view', 'settings'],
  backups: ['view', 'backups'],
  restore: ['view', 'backups', 'restore'],
};

export interface GuildAccess {
  id: string;
  name: string;
  icon: string | null;
  access: Access;
  can: Capability[];
}

export interface BotGuild {
  id: string;
  name: string;
  icon: string | null;
}

/** Manage Server or Administrator in the guild, or its owner. */
export function managesGuild(guild: Pick<OAuthGuild, 'owner' | 'permissions'>): boolean {
  if (guild.owner) return true;
  const bits = BigInt(guild.permissions);
  return (bits & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !== 0n;
}

/**
 * What a user may do in each guild the bot is in: bot owners everything; members with Manage Server or
 * Administrator (or the owner) everything in that guild; members a bot owner granted a role what the role
 * allows; nobody else anything. Guilds without the bot are never listed.
 */
export function accessibleGuilds(input: {
  botGuilds: BotGuild[];
  userGuilds: OAuthGuild[];
  grants: ReadonlyMap<string, GrantRole>;
  isBotOwner: boolean;
}): GuildAccess[] {
  const mine = new Map(input.userGuilds.map((g) => [g.id, g]));
  const out: GuildAccess[] = [];
  for (const bot of input.botGuilds) {
    const member = mine.get(bot.id);
    const base = { id: bot.id, name: bot.name, icon: bot.icon };
    if (input.isBotOwner) out.push({ ...base, access: 'owner', can: ALL });
    else if (member && managesGuild(member)) out.push({ ...base, access: 'admin', can: ALL });
    else {
      const role = member ? input.grants.get(bot.id) : undefined;
      if (role) out.push({ ...base, access: role, can: GRANTED[role] });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
