import type { REST } from '@discordjs/rest';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Env } from '../env';
import type { GuildSettingsStore } from '../settings/guild-settings';
import type { Registry } from './registry';

/** What every handler can reach, whichever transport brought the invocation. */
export interface Services {
  env: Env;
  config: Config;
  db: Database;
  /** A rate-limit-aware Discord REST client (created on first use). */
  rest: () => REST;
  /** The same for calls made before the interaction is answered: gives up after 1.5 s or on a 429. */
  restNow: () => REST;
  settings: GuildSettingsStore;
  registry: Registry;
  /** The worker's public origin (e.g. https://edgeward.example.workers.dev), for links it hands out. */
  origin: string;
  /** Keep the isolate alive for background work after the reply is sent. */
  waitUntil: (work: Promise<unknown>) => void;
}

/** Who invoked, and where. */
export interface Invoker {
  user: APIUser;
  guildId: string | null;
  channelId: string;
  /** The member's role ids (empty in DMs). */
  roles: string[];
  /** The member's permissions in the channel; null in DMs. */
  permissions: bigint | null;
  isBotOwner: boolean;
}

export interface CommandContext extends Services, Invoker {
  transport: 'slash' | 'prefix';
  commandName: string;
  /** The interaction id (slash) or message id (prefix): unique per invocation. */
  invocationId: string;
  /** Slash: the interaction's webhook, for edits after the response (valid 15 minutes). Prefix: null. */
  interaction: { applicationId: string; token: string } | null;
}

export interface ComponentContext extends Services, Invoker {
  transport: 'component' | 'modal';
  invocationId: string;
  /** Selected values of a select menu. */
  values: string[];
  /** Submitted text inputs of a modal, by custom id. */
  fields: Record<string, string>;
  /** The message that carried the component. */
  message: APIMessage | null;
  /** The interaction's webhook, for edits after the response (valid 15 minutes). */
  interaction: { applicationId: string; token: string };
}

export interface AutocompleteContext extends Services, Invoker {
  commandName: string;
  focused: { name: string; value: string };
}
