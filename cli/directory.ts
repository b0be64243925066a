/**
 * A directory of who and what exists in the emulator (users, guilds, roles, channels, members and
 * registered application commands), read out of `GET /__emulator/state`.
 *
 * The contract says only "the whole state", so this reads it leniently: it walks the JSON and picks up
 * entities under keys named like their collection (`users`, `guilds`, `roles`, `channels`, `members`,
 * `commands`…), as arrays or as maps keyed by id, nested in guilds or keyed by guild id.
 */
import type { APIApplicationCommand } from 'discord-api-types/v10';

export interface UserEntry {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export interface GuildEntry {
  id: string;
  name: string;
  owner_id?: string;
}

export interface RoleEntry {
  id: string;
  name: string;
  guild_id?: string;
  position?: number;
  managed?: boolean;
}

export interface ChannelEntry {
  id: string;
  name?: string;
  type: number;
  guild_id?: string;
  parent_id?: string | null;
  position?: number;
  recipient_ids?: string[];
}

export interface MemberEntry {
  guild_id: string;
  user_id: string;
  nick?: string | null;
  roles: string[];
}

export type CommandEntry = Pick<APIApplicationCommand, 'name' | 'description' | 'options'> &
  Partial<Pick<APIApplicationCommand, 'id' | 'type' | 'guild_id'>>;

export interface Directory {
  applicationId?: string;
  botUserId?: string;
  users: UserEntry[];
  guilds: GuildEntry[];
  roles: RoleEntry[];
  channels: ChannelEntry[];
  members: MemberEntry[];
  commands: CommandEntry[];
}

type Kind = 'user' | 'guild' | 'role' | 'channel' | 'member' | 'command';
type Json = Record<string, unknown>;

const KIND_KEYS: Record<string, Kind> = {
  users: 'user',
  recipients: 'user',
  guilds: 'guild',
  roles: 'role',
  channels: 'channel',
  members: 'member',
  commands: 'command',
  applicationcommands: 'command',
  application_commands: 'command',
  globalcommands: 'command',
  guildcommands: 'command',
};
/** Collections not worth walking (large, or full of copies of entities). */
const SKIP = new Set([
  'messages',
  'log',
  'logs',
  'interactions',
  'records',
  'faults',
  'ratelimits',
  'buckets',
]);
const SNOWFLAKE = /^\d{5,20}$/;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
const pick = (obj: Json, ...keys: string[]): string | undefined => {
  for (const key of keys) {
    const value = str(obj[key]);
    if (value !== undefined) return value;
  }
  return undefined;
};

interface Context {
  kind?: Kind;
  guildId?: string;
  key?: string;
}

class Collector {
  users = new Map<string, UserEntry>();
  guilds = new Map<string, GuildEntry>();
  roles = new Map<string, RoleEntry>();
  channels = new Map<string, ChannelEntry>();
  members = new Map<string, MemberEntry>();
  commands = new Map<string, CommandEntry>();

  /** Records `obj` as an entity of the context's kind; returns the guild id its children belong to. */
  record(obj: Json, ctx: Context): { recorded: boolean; guildId?: string } {
    const id = pick(obj, 'id');
    const guildId = pick(obj, 'guild_id', 'guildId') ?? ctx.guildId;
    switch (ctx.kind) {
      case 'user': {
        const username = pick(obj, 'username');
        if (!id || !username) return { recorded: false };
        const user: UserEntry = { id, username, global_name: pick(obj, 'global_name') ?? null };
        if (obj.bot === true) user.bot = true;
        this.users.set(id, { ...this.users.get(id), ...user });
        return { recorded: true };
      }
      case 'guild': {
        const name = pick(obj, 'name');
        if (!id || !name) return { recorded: false };
        const guild: GuildEntry = { id, name };
        const owner = pick(obj, 'owner_id', 'ownerId');
        if (owner) guild.owner_id = owner;
        this.guilds.set(id, guild);
        return { recorded: true, guildId: id };
      }
      case 'role': {
        const name = pick(obj, 'name');
        if (!id || !name) return { recorded: false };
        const role: RoleEntry = { id, name, managed: obj.managed === true };
        if (guildId) role.guild_id = guildId;
        if (typeof obj.position === 'number') role.position = obj.position;
        this.roles.set(id, role);
        return { recorded: true };
      }
      case 'channel': {
        if (!id || typeof obj.type !== 'number') return { recorded: false };
        const channel: ChannelEntry = {
          id,
          type: obj.type,
          parent_id: pick(obj, 'parent_id', 'parentId') ?? null,
        };
        const name = pick(obj, 'name');
        if (name) channel.name = name;
        if (guildId) channel.guild_id = guildId;
        if (typeof obj.position === 'number') channel.position = obj.position;
        const recipients = Array.isArray(obj.recipient_ids) ? obj.recipient_ids : obj.recipients;
        if (Array.isArray(recipients)) {
          channel.recipient_ids = recipients.flatMap((r) =>
            isObject(r) ? (pick(r, 'id') ?? []) : (str(r) ?? []),
          );
        }
        this.channels.set(id, channel);
        return { recorded: true };
      }
      case 'member': {
        const user = isObject(obj.user) ? obj.user : undefined;
        const userId = (user && pick(user, 'id')) ?? pick(obj, 'user_id', 'userId') ?? ctx.key ?? id;
        if (!userId || !guildId || !(user || 'roles' in obj || 'user_id' in obj || 'userId' in obj)) {
          return { recorded: false };
        }
        if (user) this.record(user, { kind: 'user' });
        const roles = Array.isArray(obj.roles) ? obj.roles.flatMap((r) => str(r) ?? []) : [];
        this.members.set(`${guildId}:${userId}`, {
          guild_id: guildId,
          user_id: userId,
          nick: pick(obj, 'nick') ?? null,
          roles,
        });
        return { recorded: true };
      }
      case 'command': {
        const name = pick(obj, 'name');
        if (!name || !('description' in obj || 'options' in obj || 'type' in obj)) return { recorded: false };
        const command = { ...(obj as unknown as CommandEntry) };
        if (guildId) command.guild_id = guildId;
        this.commands.set(`${command.guild_id ?? 'global'}:${name}:${command.type ?? 1}`, command);
        return { recorded: true };
      }
      default:
        return { recorded: false };
    }
  }

  walk(node: unknown, ctx: Context, depth: number): void {
    if (depth > 8) return;
    if (Array.isArray(node)) {
      for (const item of node) this.walk(item, ctx, depth + 1);
      return;
    }
    if (!isObject(node)) return;
    const { recorded, guildId } = ctx.kind ? this.record(node, ctx) : { recorded: false, guildId: undefined };
    if (recorded && ctx.kind !== 'guild') return;
    for (const [key, value] of Object.entries(node)) {
      if (SKIP.has(key.toLowerCase())) continue;
      this.walk(value, this.childContext(key, value, ctx, recorded, guildId), depth + 1);
    }
  }

  private childContext(
    key: string,
    value: unknown,
    ctx: Context,
    recorded: boolean,
    guildId?: string,
  ): Context {
    const parentGuild = guildId ?? ctx.guildId;
    if (ctx.kind === 'command' && !recorded) {
      if (SNOWFLAKE.test(key)) return { kind: 'command', guildId: key };
      if (key === 'global') return { kind: 'command' };
      return { kind: 'command', guildId: parentGuild };
    }
    const kind = KIND_KEYS[key.toLowerCase()];
    if (kind) return { kind, guildId: parentGuild };
    if (ctx.kind && !recorded && SNOWFLAKE.test(key)) {
      // A map keyed by id: either of entities (key = entity id) or of lists per guild (key = guild id).
      if (Array.isArray(value) || (isObject(value) && ctx.kind === 'member' && !('roles' in value))) {
        return { kind: ctx.kind, guildId: ctx.kind === 'guild' ? undefined : key };
      }
      return { kind: ctx.kind, guildId: parentGuild, key };
    }
    if (key === 'application' && isObject(value)) this.applicationId ??= pick(value, 'id');
    return { guildId: parentGuild };
  }

  applicationId: string | undefined;
  botUserId: string | undefined;
}

/** Builds a directory from the JSON of `GET /__emulator/state`. */
export function readDirectory(state: unknown): Directory {
  const collector = new Collector();
  if (isObject(state)) {
    collector.applicationId = pick(state, 'applicationId', 'application_id');
    collector.botUserId = pick(state, 'botUserId', 'bot_user_id');
  }
  collector.walk(state, {}, 0);
  const directory: Directory = {
    users: [...collector.users.values()],
    guilds: [...collector.guilds.values()],
    roles: [...collector.roles.values()],
    channels: [...collector.channels.values()],
    members: [...collector.members.values()],
    commands: [...collector.commands.values()],
  };
  if (collector.applicationId) directory.applicationId = collector.applicationId;
  const botUserId = collector.botUserId ?? directory.users.find((u) => u.bot)?.id;
  if (botUserId) directory.botUserId = botUserId;
  return directory;
}

export const emptyDirectory = (): Directory => readDirectory({});
