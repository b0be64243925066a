import type {
  APIApplication,
  APIChannel,
  APIGuildMember,
  APIInteractionDataResolvedGuildMember,
  APIUser,
} from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import type { ChannelRecord, MemberRecord } from './state';

/** Turns stored records into the API objects Discord returns. */
export function userObject(ctx: EmulatorContext, userId: string): APIUser | undefined {
  const user = ctx.store.user(userId);
  return user ? structuredClone(user) : undefined;
}

function memberBase(member: MemberRecord) {
  return {
    avatar: null,
    banner: null,
    communication_disabled_until: member.communication_disabled_until ?? null,
    flags: member.flags ?? 0,
    joined_at: member.joined_at,
    nick: member.nick,
    pending: false,
    premium_since: null,
    roles: [...member.roles],
  };
}

export function memberObject(ctx: EmulatorContext, member: MemberRecord): APIGuildMember {
  const user = userObject(ctx, member.user_id);
  if (!user) throw new Error(`member ${member.user_id} has no user`);
  return { ...memberBase(member), deaf: member.deaf ?? false, mute: member.mute ?? false, user };
}

/** Partial member as in `resolved.members`: no `user`, `deaf`, `mute`; with `permissions` when known. */
export function partialMemberObject(
  member: MemberRecord,
  permissions?: bigint,
): APIInteractionDataResolvedGuildMember {
  const base = memberBase(member);
  return (
    permissions === undefined ? base : { ...base, permissions: permissions.toString() }
  ) as APIInteractionDataResolvedGuildMember;
}

const TEXTUAL = { topic: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null };
const THREADED = { default_auto_archive_duration: 1440, default_thread_rate_limit_per_user: 0 };
const VOICE = { bitrate: 64000, user_limit: 0, rtc_region: null, video_quality_mode: 1, nsfw: false };
const POSTS = { available_tags: [], default_reaction_emoji: null, default_sort_order: null };

/** Discord's defaults for the fields each guild channel type carries (`developers/resources/channel.mdx`). */
export const CHANNEL_DEFAULTS: Record<number, Record<string, unknown>> = {
  0: { ...TEXTUAL, ...THREADED },
  2: { ...VOICE, rate_limit_per_user: 0, last_message_id: null },
  4: {},
  5: { ...TEXTUAL, ...THREADED },
  13: { ...VOICE, topic: null, rate_limit_per_user: 0, last_message_id: null },
  15: { ...TEXTUAL, ...THREADED, ...POSTS, default_forum_layout: 0 },
  16: { ...TEXTUAL, ...THREADED, ...POSTS },
};

export function channelObject(ctx: EmulatorContext, channel: ChannelRecord): APIChannel {
  const { recipient_ids, ...rest } = channel;
  const defaults = channel.guild_id
    ? { flags: 0, parent_id: null, permission_overwrites: [], ...CHANNEL_DEFAULTS[channel.type] }
    : {};
  const out: Record<string, unknown> = structuredClone({ ...defaults, ...rest });
  if (recipient_ids) {
    out.recipients = recipient_ids.map((id) => userObject(ctx, id)).filter((u) => u !== undefined);
  }
  return out as unknown as APIChannel;
}

/** Application flags for the privileged intents that are on (the *_LIMITED bits, as for an unverified app). */
export function applicationObject(ctx: EmulatorContext): APIApplication {
  const { application, intents } = ctx.store.state;
  let flags = application.flags;
  if (intents.presences) flags |= 1 << 13;
  if (intents.members) flags |= 1 << 15;
  if (intents.messageContent) flags |= 1 << 19;
  return {
    id: application.id,
    name: application.name,
    icon: application.icon,
    description: application.description,
    bot_public: application.bot_public,
    bot_require_code_grant: application.bot_require_code_grant,
    bot: userObject(ctx, ctx.store.state.botUserId),
    owner: userObject(ctx, application.owner_id),
    summary: '',
    verify_key: ctx.keys.publicKeyHex,
    team: null,
    flags,
    approximate_guild_count: ctx.store.state.guilds.filter((g) =>
      g.members.some((m) => m.user_id === ctx.store.state.botUserId),
    ).length,
    redirect_uris: [],
    interactions_endpoint_url: ctx.workerUrl ?? null,
  } as unknown as APIApplication;
}
