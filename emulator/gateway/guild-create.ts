import type { EmulatorContext } from '../context';
import { channelObject, memberObject } from '../serialize';
import { guildObject } from '../serialize-guild';
import type { GuildRecord } from '../state';
import { Intent, shardOf } from './intents';

/** Above this many members Discord sends only the bot (and users in voice) in GUILD_CREATE's `members`. */
const MEMBER_LIST_CUTOFF = 75_000;

/** The guilds the bot is in that belong to shard `[id, count]`. */
export function guildsOfShard(ctx: EmulatorContext, shard: [number, number]): GuildRecord[] {
  const botId = ctx.store.state.botUserId;
  return ctx.store.state.guilds.filter(
    (g) => g.members.some((m) => m.user_id === botId) && shardOf(g.id, shard[1]) === shard[0],
  );
}

/**
 * GUILD_CREATE's `d` (`developers/events/gateway-events.mdx`, "Guild Create"): the guild object plus `joined_at`,
 * `large`, `unavailable`, `member_count`, `channels`, `members`, and empty `voice_states`, `threads`, `presences`,
 * `stage_instances`, `guild_scheduled_events`, `soundboard_sounds`. Without GUILD_PRESENCES (or over 75k members)
 * `members` holds only the bot, as documented; with it, every member of a guild up to `large_threshold`.
 */
export function guildCreatePayload(
  ctx: EmulatorContext,
  guild: GuildRecord,
  intents: number,
  largeThreshold: number,
): Record<string, unknown> {
  const botId = ctx.store.state.botUserId;
  const bot = guild.members.find((m) => m.user_id === botId);
  const large = guild.members.length > largeThreshold;
  const everyone =
    (intents & Intent.GuildPresences) !== 0 && !large && guild.members.length <= MEMBER_LIST_CUTOFF;
  const members = everyone ? guild.members : bot ? [bot] : [];
  return {
    ...guildObject(ctx, guild, false),
    joined_at: bot?.joined_at ?? null,
    large,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: members.map((m) => memberObject(ctx, m)),
    channels: ctx.store.guildChannels(guild.id).map((c) => channelObject(ctx, c)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
