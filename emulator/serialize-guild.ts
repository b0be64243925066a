import type { APIBan, APIEmoji, APIGuild, APIRole, APISticker } from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import { userObject } from './serialize';
import type { BanRecord, EmojiRecord, GuildRecord, StickerRecord } from './state';

/**
 * Guild-level API objects (guild, role, emoji, sticker, ban) as Discord returns them
 * (`developers/resources/guild.mdx`, `emoji.mdx`, `sticker.mdx`, `topics/permissions.mdx` "Role Object").
 * Fields a fixture leaves out get Discord's defaults.
 */
export function roleObject(role: APIRole): APIRole {
  const stored = role as Partial<APIRole> & Pick<APIRole, 'id' | 'name'>;
  const color = stored.color ?? stored.colors?.primary_color ?? 0;
  const out: Record<string, unknown> = {
    id: stored.id,
    name: stored.name,
    permissions: stored.permissions ?? '0',
    position: stored.position ?? 0,
    color,
    colors: stored.colors
      ? { ...stored.colors }
      : { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: stored.hoist ?? false,
    icon: stored.icon ?? null,
    unicode_emoji: stored.unicode_emoji ?? null,
    managed: stored.managed ?? false,
    mentionable: stored.mentionable ?? false,
    flags: stored.flags ?? 0,
  };
  if (stored.tags) out.tags = { ...stored.tags };
  return out as unknown as APIRole;
}

/** `withUser`: the creator is included (the caller checks the bot's expression permissions). */
export function emojiObject(ctx: EmulatorContext, emoji: EmojiRecord, withUser: boolean): APIEmoji {
  const out: Record<string, unknown> = {
    id: emoji.id,
    name: emoji.name,
    roles: [...emoji.roles],
    require_colons: emoji.require_colons,
    managed: emoji.managed,
    animated: emoji.animated,
    available: emoji.available,
  };
  const user = withUser && emoji.user_id ? userObject(ctx, emoji.user_id) : undefined;
  if (user) out.user = user;
  return out as unknown as APIEmoji;
}

export function stickerObject(
  ctx: EmulatorContext,
  guildId: string,
  sticker: StickerRecord,
  withUser: boolean,
): APISticker {
  const out: Record<string, unknown> = {
    id: sticker.id,
    name: sticker.name,
    tags: sticker.tags,
    type: 2,
    format_type: sticker.format_type,
    description: sticker.description,
    asset: '',
    available: sticker.available,
    guild_id: guildId,
  };
  const user = withUser && sticker.user_id ? userObject(ctx, sticker.user_id) : undefined;
  if (user) out.user = user;
  return out as unknown as APISticker;
}

export function banObject(ctx: EmulatorContext, ban: BanRecord): APIBan {
  const user = userObject(ctx, ban.user_id) ?? {
    id: ban.user_id,
    username: 'deleted_user',
    discriminator: '0',
    global_name: null,
    avatar: null,
  };
  return { reason: ban.reason, user };
}

export function guildObject(ctx: EmulatorContext, guild: GuildRecord, withCounts: boolean): APIGuild {
  const out: Record<string, unknown> = {
    id: guild.id,
    name: guild.name,
    icon: guild.icon,
    icon_hash: null,
    splash: guild.splash ?? null,
    discovery_splash: guild.discovery_splash ?? null,
    owner_id: guild.owner_id,
    afk_channel_id: guild.afk_channel_id ?? null,
    afk_timeout: guild.afk_timeout ?? 300,
    widget_enabled: guild.widget_enabled ?? false,
    widget_channel_id: guild.widget_channel_id ?? null,
    verification_level: guild.verification_level ?? 0,
    default_message_notifications: guild.default_message_notifications ?? 0,
    explicit_content_filter: guild.explicit_content_filter ?? 0,
    roles: guild.roles.map(roleObject),
    emojis: guild.emojis.map((e) => emojiObject(ctx, e, false)),
    features: [...guild.features],
    mfa_level: guild.mfa_level ?? 0,
    application_id: null,
    system_channel_id: guild.system_channel_id ?? null,
    system_channel_flags: guild.system_channel_flags ?? 0,
    rules_channel_id: guild.rules_channel_id ?? null,
    max_presences: null,
    max_members: guild.max_members ?? 500000,
    vanity_url_code: guild.vanity_url_code ?? null,
    description: guild.description,
    banner: guild.banner ?? null,
    premium_tier: guild.premium_tier ?? 0,
    premium_subscription_count: guild.premium_subscription_count ?? 0,
    preferred_locale: guild.preferred_locale,
    public_updates_channel_id: guild.public_updates_channel_id ?? null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: guild.nsfw_level ?? 0,
    stickers: guild.stickers.map((s) => stickerObject(ctx, guild.id, s, false)),
    premium_progress_bar_enabled: guild.premium_progress_bar_enabled ?? false,
    safety_alerts_channel_id: guild.safety_alerts_channel_id ?? null,
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
