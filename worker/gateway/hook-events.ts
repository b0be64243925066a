import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { z } from 'zod';
import type { FrameworkEventName, FrameworkEvents } from '../hooks/events';

/** What the shard connection knows about a dispatch beyond its payload. */
export interface DispatchInfo {
  /** GUILD_CREATE for a guild that was neither in READY nor seen before: the bot was added to it. */
  guildJoined: boolean;
  /** GUILD_DELETE without `unavailable`: the bot was removed (not an outage). */
  guildLeft: boolean;
  /**
   * `<session id>:<sequence>`: the same for a dispatch replayed after a resume, so that, used as the event id,
   * the bus's receipts keep its handlers from running twice. Null before READY.
   */
  dispatchId: string | null;
}

export type BusEvent = {
  [E in FrameworkEventName]: { event: E; payload: FrameworkEvents[E] };
}[FrameworkEventName];

const id = z.string().regex(/^\d{1,20}$/);
const user = z.object({
  id,
  username: z.string(),
  global_name: z.string().nullish(),
  bot: z.boolean().optional(),
});

/** The fields each event needs, checked: a malformed dispatch is skipped, never half-emitted. */
const messageCreate = z.object({
  id,
  channel_id: id,
  guild_id: id.optional(),
  author: user,
  content: z.string().default(''),
  webhook_id: id.optional(),
  member: z.object({ roles: z.array(id) }).optional(),
});
const memberAdd = z.object({ guild_id: id, user });
const memberRemove = z.object({ guild_id: id, user });
const reaction = z.object({
  user_id: id,
  channel_id: id,
  message_id: id,
  guild_id: id.optional(),
  emoji: z.object({ id: id.nullable().optional(), name: z.string().nullable().optional() }),
});
const guildCreate = z.object({ id, name: z.string(), member_count: z.number().int().optional() });
const guildDelete = z.object({ id });

function parse<T>(schema: z.ZodType<T>, t: string, d: unknown): T | null {
  const parsed = schema.safeParse(d);
  if (parsed.success) return parsed.data;
  console.warn(`Edgeward: ${t} dispatch skipped for hooks: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return null;
}

function reactionPayload(d: z.output<typeof reaction>): FrameworkEvents['reaction_added'] {
  return {
    guildId: d.guild_id ?? null,
    channelId: d.channel_id,
    messageId: d.message_id,
    userId: d.user_id,
    emoji: { id: d.emoji.id ?? null, name: d.emoji.name ?? null },
  };
}

/** The bus event a gateway dispatch becomes, or null when it is not one the bus carries. */
export function hookEventOf(
  dispatch: GatewayDispatchPayload,
  info: Pick<DispatchInfo, 'guildJoined' | 'guildLeft'>,
): BusEvent | null {
  const { t, d } = dispatch;
  switch (t) {
    case GatewayDispatchEvents.MessageCreate: {
      const m = parse(messageCreate, t, d);
      if (!m) return null;
      return {
        event: 'message_created',
        payload: {
          guildId: m.guild_id ?? null,
          channelId: m.channel_id,
          messageId: m.id,
          authorId: m.author.id,
          authorBot: m.author.bot === true || m.webhook_id !== undefined,
          content: m.content,
          roles: m.member?.roles ?? [],
        },
      };
    }
    case GatewayDispatchEvents.GuildMemberAdd: {
      const m = parse(memberAdd, t, d);
      if (!m) return null;
      return {
        event: 'member_joined',
        payload: {
          guildId: m.guild_id,
          userId: m.user.id,
          username: m.user.username,
          bot: m.user.bot === true,
        },
      };
    }
    case GatewayDispatchEvents.GuildMemberRemove: {
      const m = parse(memberRemove, t, d);
      if (!m) return null;
      return {
        event: 'member_left',
        payload: { guildId: m.guild_id, userId: m.user.id, username: m.user.username },
      };
    }
    case GatewayDispatchEvents.MessageReactionAdd: {
      const r = parse(reaction, t, d);
      return r ? { event: 'reaction_added', payload: reactionPayload(r) } : null;
    }
    case GatewayDispatchEvents.MessageReactionRemove: {
      const r = parse(reaction, t, d);
      return r ? { event: 'reaction_removed', payload: reactionPayload(r) } : null;
    }
    case GatewayDispatchEvents.GuildCreate: {
      if (!info.guildJoined) return null;
      const g = parse(guildCreate, t, d);
      if (!g) return null;
      return {
        event: 'guild_joined',
        payload: { guildId: g.id, name: g.name, memberCount: g.member_count ?? null },
      };
    }
    case GatewayDispatchEvents.GuildDelete: {
      if (!info.guildLeft) return null;
      const g = parse(guildDelete, t, d);
      return g ? { event: 'guild_left', payload: { guildId: g.id } } : null;
    }
    default:
      return null;
  }
}
