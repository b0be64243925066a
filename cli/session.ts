/**
 * Who the person acts as and where: the acting user, guild and channel (or DMs), the message that
 * `press`/`select` target, and the directory names resolve against. No I/O.
 */
import type { APIMessage } from 'discord-api-types/v10';
import { ChannelType, ComponentType } from 'discord-api-types/v10';
import type { OptionResolver } from './command-options';
import type { PickResolver } from './component-actions';
import type { ChannelEntry, Directory, GuildEntry, UserEntry } from './directory';
import { findChannel, findGuild, findRole, findUser, guildChannels, memberOf, mentionLookup } from './lookup';
import type { MentionLookup } from './render/markdown';
import { fail, ok, type Result } from './result';

export interface TargetMessage {
  id: string;
  channelId: string;
  message: APIMessage;
}

const TEXT_TYPES: number[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

export class Session {
  userId: string | undefined;
  guildId: string | undefined;
  channelId: string | undefined;
  /** DM channel ids by user, learnt from the state or from interactions. */
  readonly dmChannels = new Map<string, string>();
  target: TargetMessage | undefined;

  constructor(public dir: Directory) {}

  get user(): UserEntry | undefined {
    return this.dir.users.find((u) => u.id === this.userId);
  }

  get guild(): GuildEntry | undefined {
    return this.dir.guilds.find((g) => g.id === this.guildId);
  }

  get channel(): ChannelEntry | undefined {
    return this.dir.channels.find((c) => c.id === this.channelId);
  }

  get inDm(): boolean {
    return this.guildId === undefined;
  }

  /** The channel messages go to: the guild channel, or the DM channel with the bot if known. */
  get currentChannelId(): string | undefined {
    if (!this.inDm) return this.channelId;
    if (!this.userId) return undefined;
    const known = this.dmChannels.get(this.userId);
    if (known) return known;
    return this.dir.channels.find(
      (c) => c.type === ChannelType.DM && c.recipient_ids?.includes(this.userId ?? ''),
    )?.id;
  }

  /** Picks a sensible start: ada (else the first human), her first guild, its #general. */
  chooseDefaults(preferred: { user?: string; guild?: string; channel?: string } = {}): string[] {
    const notes: string[] = [];
    const humans = this.dir.users.filter((u) => !u.bot);
    const wanted = preferred.user ? findUser(this.dir, preferred.user) : undefined;
    if (preferred.user && !wanted) notes.push(`no user "${preferred.user}"`);
    const user = wanted ?? humans.find((u) => u.username === 'ada') ?? humans[0];
    this.userId = user?.id;
    const wantedGuild = preferred.guild ? findGuild(this.dir, preferred.guild) : undefined;
    if (preferred.guild && !wantedGuild) notes.push(`no guild "${preferred.guild}"`);
    const guild =
      wantedGuild ??
      this.dir.guilds.find((g) => user && memberOf(this.dir, g.id, user.id)) ??
      this.dir.guilds[0];
    this.guildId = guild?.id;
    this.channelId = guild ? this.defaultChannel(guild.id)?.id : undefined;
    if (preferred.channel) {
      const moved = this.useChannel(preferred.channel);
      if (!moved.ok) notes.push(moved.error);
    }
    return notes;
  }

  defaultChannel(guildId: string): ChannelEntry | undefined {
    const text = guildChannels(this.dir, guildId).filter((c) => TEXT_TYPES.includes(c.type));
    return text.find((c) => c.name === 'general') ?? text[0];
  }

  prompt(): string {
    const who = this.user?.username ?? this.userId ?? 'nobody';
    if (this.inDm) return `${who}@DM> `;
    const guild = this.guild?.name ?? this.guildId;
    const channel = this.channel?.name ? `#${this.channel.name}` : (this.channelId ?? 'no channel');
    return `${who}@${guild} ${channel}> `;
  }

  actAs(query: string): Result<string> {
    const user = findUser(this.dir, query, this.guildId);
    if (!user) return fail(`no user "${query}"; see: users`);
    this.userId = user.id;
    const note =
      !this.inDm && !memberOf(this.dir, this.guildId, user.id) ? ' (not a member of this guild)' : '';
    return ok(`acting as ${user.username}${note}`);
  }

  useGuild(query: string): Result<string> {
    const guild = findGuild(this.dir, query);
    if (!guild) return fail(`no guild "${query}"; guilds: ${this.dir.guilds.map((g) => g.name).join(', ')}`);
    this.guildId = guild.id;
    this.channelId = this.defaultChannel(guild.id)?.id;
    const note = this.userId && !memberOf(this.dir, guild.id, this.userId) ? ' (you are not a member)' : '';
    return ok(`now in ${guild.name}${this.channel?.name ? ` #${this.channel.name}` : ''}${note}`);
  }

  useChannel(query: string): Result<string> {
    const channel = findChannel(this.dir, query, this.guildId) ?? findChannel(this.dir, query);
    if (!channel) return fail(`no channel "${query}"`);
    if (channel.type === ChannelType.DM) return this.useDm();
    if (channel.guild_id && channel.guild_id !== this.guildId) this.guildId = channel.guild_id;
    this.channelId = channel.id;
    const where = this.guild?.name ? ` in ${this.guild.name}` : '';
    return ok(`now in #${channel.name ?? channel.id}${where}`);
  }

  useDm(): Result<string> {
    this.guildId = undefined;
    this.channelId = undefined;
    return ok(`now in DMs with ${this.dir.users.find((u) => u.bot)?.username ?? 'the bot'}`);
  }

  lookup(): MentionLookup {
    return mentionLookup(this.dir, this.guildId);
  }

  optionResolver(): OptionResolver {
    return {
      user: (q) => findUser(this.dir, q, this.guildId)?.id,
      role: (q) => findRole(this.dir, q, this.guildId)?.id,
      channel: (q) => {
        const channel = findChannel(this.dir, q, this.guildId);
        return channel ? { id: channel.id, type: channel.type } : undefined;
      },
    };
  }

  pickResolver(): PickResolver {
    const options = this.optionResolver();
    return (kind, query) => {
      switch (kind) {
        case ComponentType.UserSelect: {
          const id = options.user(query);
          return id ? { id } : undefined;
        }
        case ComponentType.RoleSelect: {
          const id = options.role(query);
          return id ? { id } : undefined;
        }
        case ComponentType.MentionableSelect: {
          const id =
            query.startsWith('@&') || query.startsWith('<@&')
              ? options.role(query)
              : (options.user(query) ?? options.role(query));
          return id ? { id } : undefined;
        }
        case ComponentType.ChannelSelect:
          return options.channel(query);
        default:
          return undefined;
      }
    };
  }
}
