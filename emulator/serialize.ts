import type {
  APIApplication,
  APIChannel,
  APIGuild,
  APIGuildMember,
  APIInteractionDataResolvedGuildMember,
  APIUser,
} from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import type { ChannelRecord, GuildRecord, MemberRecord } from './state';

/** Turns stored records into the API objects Discord returns. */
export function userObject(ctx: EmulatorContext, userId: string): APIUser | undefined {
  const user = ctx.store.user(userId);
  return user ? structuredClone(user) : undefined;
}

function memberBase(member: MemberRecord) {
  return {
    avatar: null,
    banner: null,
    communication_disabled_until: null,
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

export function channelObject(ctx: EmulatorContext, channel: ChannelRecord): APIChannel {
  const { recipient_ids, ...rest } = channel;
  const out: Record<string, unknown> = structuredClone(rest);
  if (recipient_ids) {
    out.recipients = recipient_ids.map((id) => userObject(ctx, id)).filter((u) => u !== undefined);
  }
  return out as unknown as APIChannel;
}

export function guildObject(guild: GuildRecord, withCounts: boolean): APIGuild {
  const out: Record<string, unknown> = {
    id: guild.id,
    name: guild.name,
    icon: guild.icon,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.owner_id,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: structuredClone(guild.roles),
    emojis: [],
    features: [...guild.features],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: guild.description,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferred_locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
    hub_type: null,
    region: 'deprecated',
  };
  if (withCounts) {
    out.approximate_member_count = guild.members.length;
    out.approximate_presence_count = 0;
  }
  return out as unknown as APIGuild;
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
