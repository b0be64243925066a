import type { EmulatorContext } from '../context';
import { ControlError } from '../http';
import { memberObject, userObject } from '../serialize';
import type { GuildRecord, MemberRecord } from '../state';
import { type Delivery, dispatchEvent, dispatchTo } from './dispatch';
import { guildCreatePayload } from './guild-create';
import { shardOf } from './intents';

/**
 * A user joins a guild (`POST /__emulator/guilds/:gid/members/:uid/join`): stored as a member without roles,
 * then GUILD_MEMBER_ADD (the guild member object plus `guild_id`, `developers/events/gateway-events.mdx`),
 * routed like any guild event (it needs GUILD_MEMBERS). The bot joining is the bot being added: GUILD_CREATE.
 */
export function joinGuild(ctx: EmulatorContext, guild: GuildRecord, userId: string) {
  const user = userObject(ctx, userId);
  if (!user) throw new ControlError(404, `unknown user ${userId}`);
  if (guild.members.some((m) => m.user_id === userId))
    throw new ControlError(409, `user ${userId} is already a member of guild ${guild.id}`);
  if (guild.bans.some((b) => b.user_id === userId))
    throw new ControlError(403, `user ${userId} is banned from guild ${guild.id}`);
  const member: MemberRecord = { user_id: userId, roles: [], nick: null, joined_at: ctx.clock.iso() };
  guild.members.push(member);
  if (userId === ctx.store.state.botUserId)
    return { member: null, delivered: deliveries(botAdded(ctx, guild)) };
  const d = { ...memberObject(ctx, member), guild_id: guild.id };
  const delivered = dispatchEvent(ctx, { t: 'GUILD_MEMBER_ADD', d, guildId: guild.id });
  return { member: d, delivered: deliveries(delivered) };
}

/**
 * The bot was added to a guild: each live session of the shard that owns it gets GUILD_CREATE, built for
 * that session's intents and large threshold as in the handshake.
 */
function botAdded(ctx: EmulatorContext, guild: GuildRecord): Delivery[] {
  const now = Date.now();
  return [...ctx.gateway.sessions.values()]
    .filter(
      (s) => s.isLive(now, ctx.gateway.config.resumeWindowMs) && shardOf(guild.id, s.shard[1]) === s.shard[0],
    )
    .map((s) =>
      dispatchTo(ctx, s, 'GUILD_CREATE', guildCreatePayload(ctx, guild, s.intents, s.largeThreshold)),
    );
}

/**
 * After a member left (the caller removed the record): GUILD_MEMBER_REMOVE (`{guild_id, user}`); when the bot
 * itself left, GUILD_DELETE without `unavailable` (Discord's sign that the bot was removed, not an outage).
 */
export function dispatchMemberRemove(ctx: EmulatorContext, guild: GuildRecord, userId: string): Delivery[] {
  if (userId === ctx.store.state.botUserId)
    return dispatchEvent(ctx, { t: 'GUILD_DELETE', d: { id: guild.id }, guildId: guild.id });
  const user = userObject(ctx, userId);
  if (!user) return [];
  return dispatchEvent(ctx, { t: 'GUILD_MEMBER_REMOVE', d: { guild_id: guild.id, user }, guildId: guild.id });
}

export const deliveries = (list: Delivery[]) =>
  list.map(({ session_id, shard, s, live }) => ({ session_id, shard, s, live }));
