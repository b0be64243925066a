import { readFileSync } from 'node:fs';
import type {
  APIApplicationCommand,
  APIMessage,
  APIOverwrite,
  APIRole,
  APIUser,
} from 'discord-api-types/v10';

/** A guild member as stored: the user is referenced by id and joined in when serialized. */
export interface MemberRecord {
  user_id: string;
  roles: string[];
  nick: string | null;
  joined_at: string;
  deaf?: boolean;
  mute?: boolean;
  flags?: number;
  /** ISO 8601: when a timeout ends (null or absent: none). */
  communication_disabled_until?: string | null;
}

/** A custom emoji as stored: the creator is referenced by id (`user` is joined in when the bot may see it). */
export interface EmojiRecord {
  id: string;
  name: string;
  roles: string[];
  user_id?: string;
  require_colons: boolean;
  managed: boolean;
  animated: boolean;
  available: boolean;
}

/** A guild sticker as stored. `format_type`: 1 PNG, 2 APNG, 3 LOTTIE, 4 GIF. */
export interface StickerRecord {
  id: string;
  name: string;
  description: string | null;
  tags: string;
  format_type: number;
  available: boolean;
  user_id?: string;
}

export interface BanRecord {
  user_id: string;
  reason: string | null;
}

/**
 * Guild settings that default when absent (see `guildObject` in serialize-guild.ts), so hand-written fixtures stay short.
 * Names and meanings as in Discord's guild object.
 */
export interface GuildSettings {
  splash?: string | null;
  discovery_splash?: string | null;
  banner?: string | null;
  afk_channel_id?: string | null;
  afk_timeout?: number;
  widget_enabled?: boolean;
  widget_channel_id?: string | null;
  verification_level?: number;
  default_message_notifications?: number;
  explicit_content_filter?: number;
  mfa_level?: number;
  system_channel_id?: string | null;
  system_channel_flags?: number;
  rules_channel_id?: string | null;
  public_updates_channel_id?: string | null;
  safety_alerts_channel_id?: string | null;
  vanity_url_code?: string | null;
  premium_tier?: number;
  premium_subscription_count?: number;
  premium_progress_bar_enabled?: boolean;
  nsfw_level?: number;
  max_members?: number;
}

export interface GuildRecord extends GuildSettings {
  id: string;
  name: string;
  icon: string | null;
  description: string | null;
  owner_id: string;
  preferred_locale: string;
  features: string[];
  roles: APIRole[];
  /** Kept in ascending user id order by the generator; list endpoints sort when it is not. */
  members: MemberRecord[];
  emojis: EmojiRecord[];
  stickers: StickerRecord[];
  bans: BanRecord[];
}

/** Any channel (guild channel or DM). Extra API fields are kept and serialized as they are. */
export interface ChannelRecord {
  id: string;
  type: number;
  guild_id?: string;
  name?: string | null;
  position?: number;
  parent_id?: string | null;
  permission_overwrites?: APIOverwrite[];
  /** DM channels: ids of the recipients (the bot excluded). */
  recipient_ids?: string[];
  last_message_id?: string | null;
  [field: string]: unknown;
}

/** A stored message plus what the emulator knows about it. */
export interface MessageRecord {
  message: APIMessage;
  /** Ephemeral messages are visible only to this user (the invoking user of the interaction). */
  ephemeralFor?: string;
  interactionId?: string;
  /** Who reacted with each emoji (key: custom emoji id, or the unicode emoji), in the order they reacted. */
  reactors?: Record<string, string[]>;
}

export interface Intents {
  members: boolean;
  messageContent: boolean;
  presences: boolean;
}

export interface ApplicationRecord {
  id: string;
  name: string;
  description: string;
  icon: string | null;
  bot_public: boolean;
  bot_require_code_grant: boolean;
  flags: number;
  owner_id: string;
}

export interface EmulatorState {
  application: ApplicationRecord;
  botToken: string;
  botUserId: string;
  intents: Intents;
  users: APIUser[];
  guilds: GuildRecord[];
  channels: ChannelRecord[];
  /** Channel id → messages, oldest first. Fixture files hold plain API messages; they are wrapped on load. */
  messages: Record<string, MessageRecord[]>;
  commands: { global: APIApplicationCommand[]; guilds: Record<string, APIApplicationCommand[]> };
}

/** The fixture file format: like the state, but messages are plain API message objects; guild lists may be left out. */
export type Fixture = Omit<EmulatorState, 'messages' | 'guilds'> & {
  guilds: (Omit<GuildRecord, 'emojis' | 'stickers' | 'bans'> & Partial<GuildRecord>)[];
  messages?: Record<string, APIMessage[]>;
};

export function loadDemoFixture(): Fixture {
  const file = new URL('./fixtures/demo.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Fixture;
}

export function stateFromFixture(fixture: Fixture): EmulatorState {
  const copy = structuredClone(fixture);
  const messages: Record<string, MessageRecord[]> = {};
  for (const [channelId, list] of Object.entries(copy.messages ?? {})) {
    messages[channelId] = list.map((message) => ({ message }));
  }
  const guilds = copy.guilds.map((g) => ({
    ...g,
    emojis: g.emojis ?? [],
    stickers: g.stickers ?? [],
    bans: g.bans ?? [],
  }));
  return { ...copy, guilds, messages, commands: copy.commands ?? { global: [], guilds: {} } };
}

/** Numeric order of two snowflakes (as strings) without BigInt: shorter is smaller, then by digits. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The live state plus lookups. `reset()` returns it to the fixture. */
export class StateStore {
  state: EmulatorState;
  /** Users by id, rebuilt when the users array is replaced or changes length (generated guilds hold 100k+). */
  private userIndex: { users: APIUser[]; length: number; byId: Map<string, APIUser> } | undefined;

  constructor(private readonly fixture: Fixture) {
    this.state = stateFromFixture(fixture);
  }

  reset(): void {
    this.state = stateFromFixture(this.fixture);
  }

  get applicationId(): string {
    return this.state.application.id;
  }

  user(id: string): APIUser | undefined {
    const users = this.state.users;
    if (this.userIndex?.users !== users || this.userIndex.length !== users.length) {
      this.userIndex = { users, length: users.length, byId: new Map(users.map((u) => [u.id, u])) };
    }
    const found = this.userIndex.byId.get(id);
    return found?.id === id ? found : users.find((u) => u.id === id);
  }

  botUser(): APIUser {
    const bot = this.user(this.state.botUserId);
    if (!bot) throw new Error('fixture has no bot user');
    return bot;
  }

  guild(id: string): GuildRecord | undefined {
    return this.state.guilds.find((g) => g.id === id);
  }

  member(guildId: string, userId: string): MemberRecord | undefined {
    return this.guild(guildId)?.members.find((m) => m.user_id === userId);
  }

  channel(id: string): ChannelRecord | undefined {
    return this.state.channels.find((c) => c.id === id);
  }

  guildChannels(guildId: string): ChannelRecord[] {
    return this.state.channels.filter((c) => c.guild_id === guildId);
  }

  messages(channelId: string): MessageRecord[] {
    let list = this.state.messages[channelId];
    if (!list) {
      list = [];
      this.state.messages[channelId] = list;
    }
    return list;
  }

  message(channelId: string, messageId: string): MessageRecord | undefined {
    return this.state.messages[channelId]?.find((m) => m.message.id === messageId);
  }

  findMessage(messageId: string): MessageRecord | undefined {
    for (const list of Object.values(this.state.messages)) {
      const found = list.find((m) => m.message.id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  removeMessage(channelId: string, messageId: string): boolean {
    const list = this.state.messages[channelId];
    const index = list?.findIndex((m) => m.message.id === messageId) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(userId: string, newId: () => string): ChannelRecord {
    const existing = this.state.channels.find((c) => c.type === 1 && c.recipient_ids?.[0] === userId);
    if (existing) return existing;
    const channel: ChannelRecord = {
      id: newId(),
      type: 1,
      recipient_ids: [userId],
      last_message_id: null,
      flags: 0,
    };
    this.state.channels.push(channel);
    return channel;
  }
}
