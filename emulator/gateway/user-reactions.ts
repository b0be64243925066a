import type { APIReaction } from 'discord-api-types/v10';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { ControlError } from '../http';
import { memberObject } from '../serialize';
import type { MessageRecord } from '../state';
import { parseControlBody } from './config';
import { dispatchEvent } from './dispatch';
import { deliveries } from './member-events';

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a snowflake (a string of digits)');

const reactionBody = z
  .object({
    channel_id: snowflake,
    message_id: snowflake,
    user_id: snowflake,
    /** A unicode emoji `{name: "👍"}`, or a custom one `{id, name, animated?}`. */
    emoji: z
      .object({ name: z.string().min(1).max(32), id: snowflake.optional(), animated: z.boolean().optional() })
      .strict(),
  })
  .strict();

export type ReactionSpec = z.output<typeof reactionBody>;

/** What the gateway sends as a reaction's emoji: `{id: null, name}` or `{id, name, animated}`. */
function partialEmoji(spec: ReactionSpec) {
  return spec.emoji.id
    ? { id: spec.emoji.id, name: spec.emoji.name, animated: spec.emoji.animated ?? false }
    : { id: null, name: spec.emoji.name };
}

/** Checks the message, the user's presence in its channel and a custom emoji; returns what a dispatch needs. */
function resolve(ctx: EmulatorContext, spec: ReactionSpec) {
  const channel = ctx.store.channel(spec.channel_id);
  if (!channel) throw new ControlError(404, `unknown channel ${spec.channel_id}`);
  const record = ctx.store.message(channel.id, spec.message_id);
  if (!record || record.ephemeralFor)
    throw new ControlError(404, `no message ${spec.message_id} in channel ${channel.id}`);
  if (!ctx.store.user(spec.user_id)) throw new ControlError(400, `unknown user ${spec.user_id}`);
  const guildId = channel.guild_id;
  const member = guildId ? ctx.store.member(guildId, spec.user_id) : undefined;
  if (guildId && !member)
    throw new ControlError(400, `user ${spec.user_id} is not a member of guild ${guildId}`);
  if (!guildId && !channel.recipient_ids?.includes(spec.user_id))
    throw new ControlError(400, `user ${spec.user_id} is not a recipient of DM channel ${channel.id}`);
  if (spec.emoji.id && !ctx.store.state.guilds.some((g) => g.emojis.some((e) => e.id === spec.emoji.id)))
    throw new ControlError(400, `unknown emoji ${spec.emoji.id}`);
  return { record, guildId, member };
}

/** Keeps `message.reactions` (counts, `me` for the bot) in step with who reacted, in first-reaction order. */
export function syncReactions(ctx: EmulatorContext, record: MessageRecord, spec: ReactionSpec) {
  const key = spec.emoji.id ?? spec.emoji.name;
  const users = record.reactors?.[key] ?? [];
  const reaction: APIReaction = {
    count: users.length,
    count_details: { burst: 0, normal: users.length },
    me: users.includes(ctx.store.state.botUserId),
    me_burst: false,
    emoji: partialEmoji(spec),
    burst_colors: [],
  };
  const current = record.message.reactions ?? [];
  const known = current.some((r) => (r.emoji.id ?? r.emoji.name) === key);
  const next = known
    ? current.map((r) => ((r.emoji.id ?? r.emoji.name) === key ? reaction : r))
    : [...current, reaction];
  const kept = next.filter((r) => r.count > 0);
  if (kept.length > 0) record.message.reactions = kept;
  else delete record.message.reactions;
}

/**
 * `POST /__emulator/reactions`: a user reacts to a message. Stored, then MESSAGE_REACTION_ADD (with `member` in
 * guilds and `message_author_id`) is routed like a real event (GUILD_MESSAGE_REACTIONS or
 * DIRECT_MESSAGE_REACTIONS). Reacting again with the same emoji changes nothing and dispatches nothing.
 */
export function addUserReaction(ctx: EmulatorContext, body: unknown) {
  const spec = parseControlBody(reactionBody, body);
  const { record, guildId, member } = resolve(ctx, spec);
  const key = spec.emoji.id ?? spec.emoji.name;
  record.reactors ??= {};
  const users = record.reactors[key] ?? [];
  record.reactors[key] = users;
  if (users.includes(spec.user_id)) return { added: false, delivered: [] };
  users.push(spec.user_id);
  syncReactions(ctx, record, spec);
  const d: Record<string, unknown> = {
    user_id: spec.user_id,
    channel_id: spec.channel_id,
    message_id: spec.message_id,
    emoji: partialEmoji(spec),
    message_author_id: record.message.author.id,
    burst: false,
    burst_colors: [],
    type: 0,
  };
  if (guildId && member) {
    d.guild_id = guildId;
    d.member = memberObject(ctx, member);
  }
  const delivered = dispatchEvent(ctx, { t: 'MESSAGE_REACTION_ADD', d, guildId: guildId ?? null });
  return { added: true, delivered: deliveries(delivered) };
}

/** `DELETE /__emulator/reactions`: the user takes the reaction back; MESSAGE_REACTION_REMOVE when there was one. */
export function removeUserReaction(ctx: EmulatorContext, body: unknown) {
  const spec = parseControlBody(reactionBody, body);
  const { record, guildId } = resolve(ctx, spec);
  const key = spec.emoji.id ?? spec.emoji.name;
  const users = record.reactors?.[key];
  const index = users?.indexOf(spec.user_id) ?? -1;
  if (!users || index < 0) return { removed: false, delivered: [] };
  users.splice(index, 1);
  if (users.length === 0) delete record.reactors?.[key];
  syncReactions(ctx, record, spec);
  const d: Record<string, unknown> = {
    user_id: spec.user_id,
    channel_id: spec.channel_id,
    message_id: spec.message_id,
    emoji: partialEmoji(spec),
    burst: false,
    type: 0,
  };
  if (guildId) d.guild_id = guildId;
  const delivered = dispatchEvent(ctx, { t: 'MESSAGE_REACTION_REMOVE', d, guildId: guildId ?? null });
  return { removed: true, delivered: deliveries(delivered) };
}
