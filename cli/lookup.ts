/** Name and mention resolution over a directory: users, guilds, channels, roles, commands. */
import { ApplicationCommandType } from 'discord-api-types/v10';
import type {
  ChannelEntry,
  CommandEntry,
  Directory,
  GuildEntry,
  MemberEntry,
  RoleEntry,
  UserEntry,
} from './directory';
import type { MentionLookup } from './render/markdown';

const SNOWFLAKE = /^\d{5,20}$/;

/** Exact (case-insensitive) match on any of the names first, then a unique prefix match. */
function byName<T>(
  items: readonly T[],
  query: string,
  names: (item: T) => (string | null | undefined)[],
): T | undefined {
  const q = query.toLowerCase();
  const exact = items.filter((item) => names(item).some((n) => n?.toLowerCase() === q));
  if (exact.length > 0) return exact[0];
  const prefixed = items.filter((item) => names(item).some((n) => n?.toLowerCase().startsWith(q)));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

export function memberOf(
  dir: Directory,
  guildId: string | undefined,
  userId: string,
): MemberEntry | undefined {
  if (!guildId) return undefined;
  return dir.members.find((m) => m.guild_id === guildId && m.user_id === userId);
}

export function displayName(dir: Directory, userId: string, guildId?: string): string | undefined {
  const user = dir.users.find((u) => u.id === userId);
  return memberOf(dir, guildId, userId)?.nick ?? user?.global_name ?? user?.username;
}

export function findUser(dir: Directory, query: string, guildId?: string): UserEntry | undefined {
  const mention = /^<@!?(\d+)>$/.exec(query);
  const raw = mention?.[1] ?? query.replace(/^@/, '');
  if (SNOWFLAKE.test(raw)) return dir.users.find((u) => u.id === raw);
  return byName(dir.users, raw, (u) => [u.username, u.global_name, memberOf(dir, guildId, u.id)?.nick]);
}

export function findGuild(dir: Directory, query: string): GuildEntry | undefined {
  if (SNOWFLAKE.test(query)) return dir.guilds.find((g) => g.id === query);
  return byName(dir.guilds, query, (g) => [g.name]);
}

export function guildChannels(dir: Directory, guildId: string): ChannelEntry[] {
  return dir.channels
    .filter((c) => c.guild_id === guildId)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

export function findChannel(dir: Directory, query: string, guildId?: string): ChannelEntry | undefined {
  const mention = /^<#(\d+)>$/.exec(query);
  const raw = mention?.[1] ?? query.replace(/^#/, '');
  if (SNOWFLAKE.test(raw)) return dir.channels.find((c) => c.id === raw);
  const pool = guildId ? guildChannels(dir, guildId) : dir.channels;
  return byName(pool, raw, (c) => [c.name]);
}

export function findRole(dir: Directory, query: string, guildId?: string): RoleEntry | undefined {
  const mention = /^<@&(\d+)>$/.exec(query);
  const raw = mention?.[1] ?? query.replace(/^@&/, '');
  if (SNOWFLAKE.test(raw)) return dir.roles.find((r) => r.id === raw);
  const pool = guildId ? dir.roles.filter((r) => r.guild_id === guildId) : dir.roles;
  if (raw.toLowerCase() === 'everyone' || raw.toLowerCase() === '@everyone') {
    return pool.find((r) => r.name === '@everyone');
  }
  return byName(pool, raw.replace(/^@/, ''), (r) => [r.name]);
}

/** Role names of a member, highest first, without @everyone. */
export function memberRoleNames(dir: Directory, guildId: string, userId: string): string[] {
  const member = memberOf(dir, guildId, userId);
  if (!member) return [];
  return member.roles
    .map((id) => dir.roles.find((r) => r.id === id))
    .filter((r): r is RoleEntry => r !== undefined && r.name !== '@everyone')
    .sort((a, b) => (b.position ?? 0) - (a.position ?? 0))
    .map((r) => r.name);
}

/** The chat-input command of that name: the guild's own first, then the global one. */
export function findCommand(dir: Directory, name: string, guildId?: string): CommandEntry | undefined {
  const chat = dir.commands.filter(
    (c) =>
      c.name === name.toLowerCase() &&
      (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
  );
  return chat.find((c) => guildId !== undefined && c.guild_id === guildId) ?? chat.find((c) => !c.guild_id);
}

/** Commands a person in this guild (or DM) can see, by name. */
export function visibleCommands(dir: Directory, guildId?: string): CommandEntry[] {
  const names = new Map<string, CommandEntry>();
  for (const command of dir.commands) {
    if ((command.type ?? ApplicationCommandType.ChatInput) !== ApplicationCommandType.ChatInput) continue;
    if (command.guild_id && command.guild_id !== guildId) continue;
    if (!names.has(command.name) || command.guild_id) names.set(command.name, command);
  }
  return [...names.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function mentionLookup(dir: Directory, guildId?: string): MentionLookup {
  return {
    user: (id) => displayName(dir, id, guildId),
    channel: (id) => dir.channels.find((c) => c.id === id)?.name ?? undefined,
    role: (id) => dir.roles.find((r) => r.id === id)?.name.replace(/^@/, ''),
  };
}
