/** Gateway intents (`developers/events/gateway.mdx`, "List of Intents") and which events need which. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
  AutoModerationConfiguration: 1 << 20,
  AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24,
  DirectMessagePolls: 1 << 25,
} as const;

/** Every defined bit; anything else in `intents` closes 4013. */
export const KNOWN_INTENTS = Object.values(Intent).reduce((all, bit) => all | bit, 0);

export function isValidIntents(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && ((value as number) & ~KNOWN_INTENTS) === 0;
}

/** The privileged bits asked for that the application has not enabled (`PUT /__emulator/intents`). */
export function disallowedIntents(
  intents: number,
  enabled: { members: boolean; messageContent: boolean; presences: boolean },
): number {
  let missing = 0;
  if (intents & Intent.GuildMembers && !enabled.members) missing |= Intent.GuildMembers;
  if (intents & Intent.GuildPresences && !enabled.presences) missing |= Intent.GuildPresences;
  if (intents & Intent.MessageContent && !enabled.messageContent) missing |= Intent.MessageContent;
  return missing;
}

/** Events that need the same intent in guilds and in DMs, or only exist in guilds. */
const GUILD_ONLY: Record<number, string[]> = {
  [Intent.Guilds]: [
    'GUILD_CREATE',
    'GUILD_UPDATE',
    'GUILD_DELETE',
    'GUILD_ROLE_CREATE',
    'GUILD_ROLE_UPDATE',
    'GUILD_ROLE_DELETE',
    'CHANNEL_CREATE',
    'CHANNEL_UPDATE',
    'CHANNEL_DELETE',
    'THREAD_CREATE',
    'THREAD_UPDATE',
    'THREAD_DELETE',
    'THREAD_LIST_SYNC',
    'THREAD_MEMBER_UPDATE',
    'STAGE_INSTANCE_CREATE',
    'STAGE_INSTANCE_UPDATE',
    'STAGE_INSTANCE_DELETE',
  ],
  [Intent.GuildMembers]: ['GUILD_MEMBER_ADD', 'GUILD_MEMBER_UPDATE', 'GUILD_MEMBER_REMOVE'],
  [Intent.GuildModeration]: ['GUILD_AUDIT_LOG_ENTRY_CREATE', 'GUILD_BAN_ADD', 'GUILD_BAN_REMOVE'],
  [Intent.GuildExpressions]: ['GUILD_EMOJIS_UPDATE', 'GUILD_STICKERS_UPDATE'],
  [Intent.GuildIntegrations]: [
    'GUILD_INTEGRATIONS_UPDATE',
    'INTEGRATION_CREATE',
    'INTEGRATION_UPDATE',
    'INTEGRATION_DELETE',
  ],
  [Intent.GuildWebhooks]: ['WEBHOOKS_UPDATE'],
  [Intent.GuildInvites]: ['INVITE_CREATE', 'INVITE_DELETE'],
  [Intent.GuildVoiceStates]: ['VOICE_STATE_UPDATE', 'VOICE_CHANNEL_EFFECT_SEND'],
  [Intent.GuildPresences]: ['PRESENCE_UPDATE'],
  [Intent.GuildMessages]: ['MESSAGE_DELETE_BULK'],
  [Intent.GuildScheduledEvents]: [
    'GUILD_SCHEDULED_EVENT_CREATE',
    'GUILD_SCHEDULED_EVENT_UPDATE',
    'GUILD_SCHEDULED_EVENT_DELETE',
    'GUILD_SCHEDULED_EVENT_USER_ADD',
    'GUILD_SCHEDULED_EVENT_USER_REMOVE',
  ],
  [Intent.AutoModerationConfiguration]: [
    'AUTO_MODERATION_RULE_CREATE',
    'AUTO_MODERATION_RULE_UPDATE',
    'AUTO_MODERATION_RULE_DELETE',
  ],
  [Intent.AutoModerationExecution]: ['AUTO_MODERATION_ACTION_EXECUTION'],
};

/** Events whose intent depends on where they happen: [in a guild, in a DM]. */
const BY_PLACE: Record<string, [number, number]> = {
  MESSAGE_CREATE: [Intent.GuildMessages, Intent.DirectMessages],
  MESSAGE_UPDATE: [Intent.GuildMessages, Intent.DirectMessages],
  MESSAGE_DELETE: [Intent.GuildMessages, Intent.DirectMessages],
  CHANNEL_PINS_UPDATE: [Intent.Guilds, Intent.DirectMessages],
  MESSAGE_REACTION_ADD: [Intent.GuildMessageReactions, Intent.DirectMessageReactions],
  MESSAGE_REACTION_REMOVE: [Intent.GuildMessageReactions, Intent.DirectMessageReactions],
  MESSAGE_REACTION_REMOVE_ALL: [Intent.GuildMessageReactions, Intent.DirectMessageReactions],
  MESSAGE_REACTION_REMOVE_EMOJI: [Intent.GuildMessageReactions, Intent.DirectMessageReactions],
  TYPING_START: [Intent.GuildMessageTyping, Intent.DirectMessageTyping],
  MESSAGE_POLL_VOTE_ADD: [Intent.GuildMessagePolls, Intent.DirectMessagePolls],
  MESSAGE_POLL_VOTE_REMOVE: [Intent.GuildMessagePolls, Intent.DirectMessagePolls],
};

const GUILD_EVENT_INTENT = new Map<string, number>(
  Object.entries(GUILD_ONLY).flatMap(([bit, events]) => events.map((t) => [t, Number(bit)] as const)),
);

/** The intent an event needs, or 0 when it is sent regardless of intents (READY, RESUMED, unknown events…). */
export function requiredIntent(t: string, inGuild: boolean): number {
  const placed = BY_PLACE[t];
  if (placed) return inGuild ? placed[0] : placed[1];
  return GUILD_EVENT_INTENT.get(t) ?? 0;
}

/** Discord's sharding formula: `(guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
