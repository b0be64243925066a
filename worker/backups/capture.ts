import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  type APIBan,
  type APIGuild,
  type APIGuildChannel,
  type APIGuildMember,
  type APIRole,
  type GuildChannelType,
  Routes,
} from 'discord-api-types/v10';
import type { GuildSettingsStore } from '../settings/guild-settings';
import { mapLimited, storeAsset } from './assets';
import { cdn } from './cdn-urls';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
  type SnapshotChannel,
  type SnapshotRole,
} from './snapshot-schema';

export interface CaptureDeps {
  rest: REST;
  cdnBase: string;
  bucket: R2Bucket;
  settings: GuildSettingsStore;
  /** Called as each phase starts (for progress messages). */
  onPhase?: (phase: string) => Promise<void> | void;
}

export interface CaptureStats {
  restCalls: number;
  assetDownloads: number;
}

const PAGE = 1000;
const ASSET_CONCURRENCY = 6;

/** Pages through a list endpoint sorted by user id (`after`), 1000 at a time. */
async function paginate<T>(
  fetchPage: (after: string) => Promise<T[]>,
  idOf: (item: T) => string,
): Promise<T[]> {
  const all: T[] = [];
  let after = '0';
  for (;;) {
    const page = await fetchPage(after);
    all.push(...page);
    if (page.length < PAGE) return all;
    after = idOf(page[page.length - 1] as T);
  }
}

function missingAccess(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === 50001 || error.code === 50013);
}

function channelOf(c: APIGuildChannel<GuildChannelType>): SnapshotChannel {
  const x = c as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof x[k] === 'number' ? (x[k] as number) : null);
  const tags =
    (x.available_tags as
      | { id: string; name: string; moderated: boolean; emoji_id: string | null; emoji_name: string | null }[]
      | undefined) ?? [];
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

/**
 * Captures everything a restore needs from a live guild over REST: settings and images, every role (with
 * @everyone and managed roles), every channel of every type with its overwrites, emojis and stickers with
 * their image bytes, member role assignments and bans (paginated), and the bot's own settings.
 */
export async function captureGuild(
  guildId: string,
  deps: CaptureDeps,
): Promise<{ snapshot: Snapshot; stats: CaptureStats }> {
  const stats: CaptureStats = { restCalls: 0, assetDownloads: 0 };
  const warnings: string[] = [];
  const get = <T>(route: `/${string}`, query?: Record<string, string>) => {
    stats.restCalls++;
    return deps.rest.get(route, query ? { query: new URLSearchParams(query) } : {}) as Promise<T>;
  };
  const asset = (url: string, what: string) => {
    stats.assetDownloads++;
    return storeAsset(deps.bucket, url, warnings, what);
  };

  await deps.onPhase?.('server and roles');
  const [guild, channels] = await Promise.all([
    get<APIGuild>(Routes.guild(guildId), { with_counts: 'true' }),
    get<APIGuildChannel<GuildChannelType>[]>(Routes.guildChannels(guildId)),
  ]);

  await deps.onPhase?.('images');
  const base = deps.cdnBase;
  const [icon, banner, splash, discoverySplash] = await Promise.all([
    guild.icon ? asset(cdn.guildIcon(base, guildId, guild.icon), 'server icon') : null,
    guild.banner ? asset(cdn.guildBanner(base, guildId, guild.banner), 'server banner') : null,
    guild.splash ? asset(cdn.guildSplash(base, guildId, guild.splash), 'invite splash') : null,
    guild.discovery_splash
      ? asset(cdn.discoverySplash(base, guildId, guild.discovery_splash), 'discovery splash')
      : null,
  ]);
  const roles: SnapshotRole[] = await mapLimited(guild.roles, ASSET_CONCURRENCY, async (r: APIRole) => {
    const colors = (
      r as APIRole & {
        colors?: { primary_color: number; secondary_color: number | null; tertiary_color: number | null };
      }
    ).colors;
    return {
      id: r.id,
      name: r.name,
      colors: {
        primary: colors?.primary_color ?? r.color,
        secondary: colors?.secondary_color ?? null,
        tertiary: colors?.tertiary_color ?? null,
      },
      hoist: r.hoist,
      icon: r.icon ? await asset(cdn.roleIcon(base, r.id, r.icon), `role ${r.name} icon`) : null,
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
  });
  const emojis = await mapLimited(guild.emojis, ASSET_CONCURRENCY, async (e) => ({
    id: e.id as string,
    name: e.name ?? '',
    animated: e.animated ?? false,
    roles: e.roles ?? [],
    requireColons: e.require_colons ?? true,
    managed: e.managed ?? false,
    available: e.available ?? true,
    image: await asset(cdn.emoji(base, e.id as string, e.animated ?? false), `emoji :${e.name}:`),
  }));
  const stickers = await mapLimited(guild.stickers ?? [], ASSET_CONCURRENCY, async (s) => ({
    id: s.id,
    name: s.name,
    description: s.description ?? null,
    tags: s.tags,
    formatType: s.format_type,
    available: s.available ?? true,
    image: await asset(cdn.sticker(base, s.id, s.format_type), `sticker ${s.name}`),
  }));

  await deps.onPhase?.('members');
  let members: Snapshot['members'];
  try {
    const list = await paginate(
      (after) => get<APIGuildMember[]>(Routes.guildMembers(guildId), { limit: String(PAGE), after }),
      (m) => m.user.id,
    );
    members = {
      captured: true,
      reason: null,
      items: list.map((m) => ({ userId: m.user.id, roles: m.roles, nick: m.nick ?? null })),
    };
  } catch (error) {
    if (!missingAccess(error)) throw error;
    members = {
      captured: false,
      reason:
        'Member roles were not captured: enable the Server Members intent for the bot in the Developer Portal.',
      items: [],
    };
  }

  await deps.onPhase?.('bans');
  let bans: Snapshot['bans'];
  try {
    const list = await paginate(
      (after) => get<APIBan[]>(Routes.guildBans(guildId), { limit: String(PAGE), after }),
      (b) => b.user.id,
    );
    bans = {
      captured: true,
      reason: null,
      items: list.map((b) => ({ userId: b.user.id, reason: b.reason ?? null })),
    };
  } catch (error) {
    if (!missingAccess(error)) throw error;
    bans = {
      captured: false,
      reason: 'Bans were not captured: the bot needs the Ban Members permission.',
      items: [],
    };
  }

  const [prefixes, requirements] = await Promise.all([
    deps.settings.prefixes(guildId),
    deps.settings.roleRequirements(guildId),
  ]);
  const raw = guild as APIGuild & {
    approximate_member_count?: number;
    safety_alerts_channel_id?: string | null;
  };
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    capturedAt: new Date().toISOString(),
    guild: {
      id: guild.id,
      name: guild.name,
      description: guild.description ?? null,
      ownerId: guild.owner_id,
      icon,
      banner,
      splash,
      discoverySplash,
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
    },
    roles,
    channels: channels.map(channelOf),
    emojis,
    stickers,
    members,
    bans,
    botSettings: {
      prefix: prefixes.custom ? prefixes.prefix : null,
      mentionPrefix: prefixes.mentionSetting,
      roleRequirements: requirements.map((r) => ({ command: r.command, roleId: r.roleId })),
    },
    warnings,
  };
  return { snapshot, stats };
}
