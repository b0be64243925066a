import { GatewayIntentBits } from 'discord-api-types/v10';
import type { Config } from '../config';

/**
 * The intents a shard identifies with: guilds, guild messages and guild message reactions always (prefix
 * and @mention commands, guild counts, message and reaction hooks), Message Content unless turned off
 * (without it prefix commands see empty content and only @mention commands work), Server Members only when
 * configured (it and Message Content are privileged; without Server Members there are no member hooks).
 */
export function gatewayIntents(gateway: Config['gateway']): number {
  let intents =
    GatewayIntentBits.Guilds |
    GatewayIntentBits.GuildMessages |
    GatewayIntentBits.DirectMessages |
    GatewayIntentBits.GuildMessageReactions;
  if (gateway.messageContent) intents |= GatewayIntentBits.MessageContent;
  if (gateway.membersIntent) intents |= GatewayIntentBits.GuildMembers;
  return intents;
}

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The Durable Object name of a shard: the count is part of it, so resharding starts fresh objects. */
export const shardObjectName = (shardId: number, shardCount: number) => `shard:${shardId}/${shardCount}`;
