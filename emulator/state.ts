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
}

export interface GuildRecord {
  id: string;
  name: string;
  icon: string | null;
  description: string | null;
  owner_id: string;
  preferred_locale: string;
  features: string[];
  roles: APIRole[];
  members: MemberRecord[];
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

/** The fixture file format: like the state, but messages are plain API message objects. */
export type Fixture = Omit<EmulatorState, 'messages'> & { messages?: Record<string, APIMessage[]> };

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
  return { ...copy, messages, commands: copy.commands ?? { global: [], guilds: {} } };
}

/** The live state plus lookups. `reset()` returns it to the fixture. */
export class StateStore {
  state: EmulatorState;

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
    return this.state.users.find((u) => u.id === id);
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
