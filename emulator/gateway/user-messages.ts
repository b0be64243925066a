import type { APIMessage } from 'discord-api-types/v10';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { ControlError } from '../http';
import { partialMemberObject, userObject } from '../serialize';
import type { ChannelRecord } from '../state';
import { parseControlBody } from './config';
import { type Delivery, dispatchEvent } from './dispatch';

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a snowflake (a string of digits)');

const userMessageBody = z
  .object({
    channel_id: snowflake.optional(),
    /** Post in the author's DM with the bot (created on first use) instead of `channel_id`. */
    dm: z.boolean().optional(),
    author_id: snowflake,
    content: z.string().max(4000),
    mentions: z.array(snowflake).optional(),
    message_reference: z
      .object({ message_id: snowflake, channel_id: snowflake.optional(), guild_id: snowflake.optional() })
      .optional(),
    embeds: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  })
  .strict();

/**
 * `POST /__emulator/messages`: a user posts a message. It is stored like any other, then MESSAGE_CREATE goes
 * through routing, intents and content scrubbing. `mentions` = users named `<@id>`/`<@!id>` in the content, plus
 * the given ids, plus the author of the message replied to (a reply pings by default).
 */
export function postUserMessage(ctx: EmulatorContext, body: unknown) {
  const spec = parseControlBody(userMessageBody, body);
  if (spec.content === '' && (spec.embeds ?? []).length === 0)
    throw new ControlError(400, 'a message needs content or embeds');
  const store = ctx.store;
  const author = userObject(ctx, spec.author_id);
  if (!author) throw new ControlError(400, `unknown author ${spec.author_id}`);
  const channel = messageChannel(ctx, spec.channel_id, spec.dm === true, spec.author_id);
  const guild = channel.guild_id ? store.guild(channel.guild_id) : undefined;
  if (guild && !guild.members.some((m) => m.user_id === author.id))
    throw new ControlError(400, `author ${author.id} is not a member of guild ${guild.id}`);
  const unknown = (spec.mentions ?? []).filter((id) => !store.user(id));
  if (unknown.length > 0) throw new ControlError(400, `unknown mentioned users ${unknown.join(', ')}`);

  let referenced: APIMessage | undefined;
  if (spec.message_reference) {
    referenced = store.message(channel.id, spec.message_reference.message_id)?.message;
    if (!referenced)
      throw new ControlError(400, `no message ${spec.message_reference.message_id} in channel ${channel.id}`);
  }
  const named = [...spec.content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const mentionIds = [
    ...new Set([...named, ...(spec.mentions ?? []), ...(referenced ? [referenced.author.id] : [])]),
  ];
  const roleIds = [...spec.content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);

  const message: Record<string, unknown> = {
    id: ctx.newId(),
    channel_id: channel.id,
    author,
    content: spec.content,
    timestamp: ctx.clock.iso(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)/.test(spec.content),
    mentions: mentionIds.map((id) => userObject(ctx, id)).filter((u) => u !== undefined),
    mention_roles: [...new Set(roleIds)].filter((id) => guild?.roles.some((r) => r.id === id)),
    attachments: [],
    embeds: (spec.embeds ?? []).map((e) => ({ type: 'rich', ...e })),
    pinned: false,
    type: referenced ? 19 : 0,
    flags: 0,
    components: [],
  };
  if (referenced) {
    message.message_reference = {
      type: 0,
      message_id: referenced.id,
      channel_id: channel.id,
      ...(guild ? { guild_id: guild.id } : {}),
    };
    message.referenced_message = structuredClone(referenced);
  }
  store.messages(channel.id).push({ message: message as unknown as APIMessage });
  channel.last_message_id = message.id as string;
  const { d, delivered } = dispatchMessageCreate(ctx, message as unknown as APIMessage);
  return {
    message: d,
    delivered: delivered.map(({ session_id, shard, s, live }) => ({ session_id, shard, s, live })),
  };
}

/**
 * MESSAGE_CREATE for a stored message (a user's, or one the bot sent through REST): the message plus `guild_id`,
 * the author's partial `member`, `member` on each mentioned user, and `channel_type`.
 */
export function dispatchMessageCreate(
  ctx: EmulatorContext,
  message: APIMessage,
): { d: Record<string, unknown>; delivered: Delivery[] } {
  const channel = ctx.store.channel(message.channel_id);
  const guildId = channel?.guild_id;
  const d = structuredClone(message) as unknown as Record<string, unknown>;
  if (guildId) {
    d.guild_id = guildId;
    const member = ctx.store.member(guildId, message.author.id);
    if (member) d.member = partialMemberObject(member);
    d.mentions = message.mentions.map((user) => {
      const mentioned = ctx.store.member(guildId, user.id);
      return mentioned ? { ...user, member: partialMemberObject(mentioned) } : user;
    });
  }
  if (channel) d.channel_type = channel.type;
  return { d, delivered: dispatchEvent(ctx, { t: 'MESSAGE_CREATE', d, guildId: guildId ?? null }) };
}

function messageChannel(
  ctx: EmulatorContext,
  channelId: string | undefined,
  dm: boolean,
  authorId: string,
): ChannelRecord {
  if (dm) {
    if (channelId !== undefined) throw new ControlError(400, 'give channel_id or dm: true, not both');
    if (authorId === ctx.store.state.botUserId) throw new ControlError(400, 'the bot has no DM with itself');
    return ctx.store.dmChannel(authorId, ctx.newId);
  }
  if (channelId === undefined) throw new ControlError(400, 'body needs channel_id (or dm: true)');
  const channel = ctx.store.channel(channelId);
  if (!channel) throw new ControlError(400, `unknown channel ${channelId}`);
  if (!channel.guild_id && !channel.recipient_ids?.includes(authorId))
    throw new ControlError(400, `author ${authorId} is not a recipient of DM channel ${channelId}`);
  return channel;
}
