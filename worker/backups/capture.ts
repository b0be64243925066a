import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  type APIBan,
  type APIGuild,
  type APIGuildChannel,
  type APIGuildMember,
  type GuildChannelType,
  Routes,
} from 'discord-api-types/v10';
import type { GuildSettingsStore } from '../settings/guild-settings';
import { mapLimited, storeAsset } from './assets';
import { cdn } from './cdn-urls';
import { channelOf, emojiOf, guildSettingsOf, roleOf, stickerOf } from './mappers';
import {
  type AssetRef,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
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
export async function paginate<T>(
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

export function missingAccess(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === 50001 || error.code === 50013);
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
  const withHash = async (ref: Promise<AssetRef | null>, hash: string) => {
    const a = await ref;
    return a ? { ...a, discordHash: hash } : null;
  };
  const [icon, banner, splash, discoverySplash] = await Promise.all([
    guild.icon ? withHash(asset(cdn.guildIcon(base, guildId, guild.icon), 'server icon'), guild.icon) : null,
    guild.banner
      ? withHash(asset(cdn.guildBanner(base, guildId, guild.banner), 'server banner'), guild.banner)
      : null,
    guild.splash
      ? withHash(asset(cdn.guildSplash(base, guildId, guild.splash), 'invite splash'), guild.splash)
      : null,
    guild.discovery_splash
      ? withHash(
          asset(cdn.discoverySplash(base, guildId, guild.discovery_splash), 'discovery splash'),
          guild.discovery_splash,
        )
      : null,
  ]);
  const roles: SnapshotRole[] = await mapLimited(guild.roles, ASSET_CONCURRENCY, async (r) =>
    roleOf(
      r,
      r.icon ? await withHash(asset(cdn.roleIcon(base, r.id, r.icon), `role ${r.name} icon`), r.icon) : null,
    ),
  );
  const emojis = await mapLimited(guild.emojis, ASSET_CONCURRENCY, async (e) =>
    emojiOf(e, await asset(cdn.emoji(base, e.id as string, e.animated ?? false), `emoji :${e.name}:`)),
  );
  const stickers = await mapLimited(guild.stickers ?? [], ASSET_CONCURRENCY, async (s) =>
    stickerOf(s, await asset(cdn.sticker(base, s.id, s.format_type), `sticker ${s.name}`)),
  );

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
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    capturedAt: new Date().toISOString(),
    guild: guildSettingsOf(guild, { icon, banner, splash, discoverySplash }),
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
