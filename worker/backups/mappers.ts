import type {
  APIEmoji,
  APIGuild,
  APIGuildChannel,
  APIRole,
  APISticker,
  GuildChannelType,
} from 'discord-api-types/v10';
import type { AssetRef, Snapshot, SnapshotChannel, SnapshotRole } from './snapshot-schema';

/** Discord objects → snapshot entries. Shared by the full capture and the live structure read. */

interface GuildImages {
  icon: AssetRef | null;
  banner: AssetRef | null;
  splash: AssetRef | null;
  discoverySplash: AssetRef | null;
}

export const NO_IMAGES: GuildImages = { icon: null, banner: null, splash: null, discoverySplash: null };

export function guildSettingsOf(guild: APIGuild, images: GuildImages): Snapshot['guild'] {
  const raw = guild as APIGuild & {
    approximate_member_count?: number;
    safety_alerts_channel_id?: string | null;
  };
  return {
    id: guild.id,
    name: guild.name,
    description: guild.description ?? null,
    ownerId: guild.owner_id,
    ...images,
    verificationLevel: guild.verification_level,
    defaultMessageNotifications: guild.default_message_notifications,
    explicitContentFilter: guild.explicit_content_filter,
    afkChannelId: guild.afk_channel_id ?? null,
    afkTimeout: guild.afk_timeout,
    systemChannelId: guild.system_channel_id ?? null,
    systemChannelFlags: guild.system_channel_flags,
    rulesChannelId: guild.rules_channel_id ?? null,
    publicUpdatesChannelId: guild.public_updates_channel_id ?? null,
    safetyAlertsChannelId: raw.safety_alerts_channel_id ?? null,
    preferredLocale: guild.preferred_locale,
    premiumProgressBarEnabled: guild.premium_progress_bar_enabled,
    features: [...guild.features],
    premiumTier: guild.premium_tier,
    mfaLevel: guild.mfa_level,
    nsfwLevel: guild.nsfw_level,
    memberCount: raw.approximate_member_count ?? null,
  };
}

type RoleColors = { primary_color: number; secondary_color: number | null; tertiary_color: number | null };

export function roleOf(r: APIRole, icon: AssetRef | null): SnapshotRole {
  const colors = (r as APIRole & { colors?: RoleColors }).colors;
  return {
    id: r.id,
    name: r.name,
    colors: {
      primary: colors?.primary_color ?? r.color,
      secondary: colors?.secondary_color ?? null,
      tertiary: colors?.tertiary_color ?? null,
    },
    hoist: r.hoist,
    icon,
    unicodeEmoji: r.unicode_emoji ?? null,
    position: r.position,
    permissions: r.permissions,
    managed: r.managed,
    mentionable: r.mentionable,
    flags: r.flags ?? 0,
    tags: r.tags
      ? Object.fromEntries(Object.entries(r.tags).map(([k, v]) => [k, v === null ? null : String(v)]))
      : null,
  };
}

export function emojiOf(e: APIEmoji, image: AssetRef | null): Snapshot['emojis'][number] {
  return {
    id: e.id as string,
    name: e.name ?? '',
    animated: e.animated ?? false,
    roles: e.roles ?? [],
    requireColons: e.require_colons ?? true,
    managed: e.managed ?? false,
    available: e.available ?? true,
    image,
  };
}

export function stickerOf(s: APISticker, image: AssetRef | null): Snapshot['stickers'][number] {
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? null,
    tags: s.tags,
    formatType: s.format_type,
    available: s.available ?? true,
    image,
  };
}

interface RawTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: string | null;
  emoji_name: string | null;
}

export function channelOf(c: APIGuildChannel<GuildChannelType>): SnapshotChannel {
  const x = c as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof x[k] === 'number' ? (x[k] as number) : null);
  const tags = (x.available_tags as RawTag[] | undefined) ?? [];
  const reaction = x.default_reaction_emoji as
    | { emoji_id: string | null; emoji_name: string | null }
    | null
    | undefined;
  return {
    id: c.id,
    type: c.type,
    name: c.name ?? '',
    position: num('position') ?? 0,
    parentId: c.parent_id ?? null,
    topic: typeof x.topic === 'string' ? x.topic : null,
    nsfw: x.nsfw === true,
    rateLimitPerUser: num('rate_limit_per_user'),
    bitrate: num('bitrate'),
    userLimit: num('user_limit'),
    rtcRegion: typeof x.rtc_region === 'string' ? x.rtc_region : null,
    videoQualityMode: num('video_quality_mode'),
    defaultAutoArchiveDuration: num('default_auto_archive_duration'),
    defaultThreadRateLimitPerUser: num('default_thread_rate_limit_per_user'),
    availableTags: tags.map((t) => ({
      id: t.id,
      name: t.name,
      moderated: t.moderated,
      emojiId: t.emoji_id ?? null,
      emojiName: t.emoji_name ?? null,
    })),
    defaultReactionEmoji: reaction
      ? { emojiId: reaction.emoji_id ?? null, emojiName: reaction.emoji_name ?? null }
      : null,
    defaultSortOrder: num('default_sort_order'),
    defaultForumLayout: num('default_forum_layout'),
    flags: num('flags') ?? 0,
    overwrites: (c.permission_overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type === 1 ? 1 : 0,
      allow: o.allow,
      deny: o.deny,
    })),
  };
}
