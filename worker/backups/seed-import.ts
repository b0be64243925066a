import { z } from 'zod';
import { sha256Hex } from './canonical-json';
import { fromBase64 } from './export-format';
import { type AssetRef, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from './snapshot-schema';

/**
 * The export format of the Python framework Edgeward replaces (snapshot "2.x"): ids are JSON integers,
 * images base64 inline, channels split by kind, no @everyone, no bans.
 */
const id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,20}$/, 'must be a Discord id'));
const nid = id
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const overwrite = z.object({ target_id: id, target_type: z.string(), allow: id, deny: id });
const channelBase = {
  id,
  name: z.string(),
  position: z.number().int().default(0),
  category_id: nid,
  overwrites: z.array(overwrite).default([]),
};
export const seedSchema = z.object({
  version: z.string().regex(/^2\./),
  captured_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date'),
  guild: z.object({
    id,
    name: z.string(),
    owner_id: id,
    member_count: z.number().int().nullable().optional(),
    premium_tier: z.number().int().optional(),
    icon_b64: z.string().nullable().optional(),
    banner_b64: z.string().nullable().optional(),
  }),
  roles: z
    .array(
      z.object({
        id,
        name: z.string(),
        color: z.number().int(),
        hoist: z.boolean(),
        mentionable: z.boolean(),
        permissions_value: id,
        position: z.number().int(),
      }),
    )
    .default([]),
  categories: z.array(z.object({ ...channelBase, nsfw: z.boolean().default(false) })).default([]),
  text_channels: z
    .array(
      z.object({
        ...channelBase,
        topic: z.string().nullable().optional(),
        slowmode_delay: z.number().int().optional(),
        nsfw: z.boolean().default(false),
        default_auto_archive_duration: z.number().int().nullable().optional(),
      }),
    )
    .default([]),
  voice_channels: z
    .array(
      z.object({
        ...channelBase,
        bitrate: z.number().int().optional(),
        user_limit: z.number().int().optional(),
        rtc_region: z.string().nullable().optional(),
      }),
    )
    .default([]),
  forum_channels: z
    .array(
      z.object({
        ...channelBase,
        topic: z.string().nullable().optional(),
        nsfw: z.boolean().default(false),
        slowmode_delay: z.number().int().optional(),
      }),
    )
    .default([]),
  stage_channels: z.array(z.object({ ...channelBase, topic: z.string().nullable().optional() })).default([]),
  emojis: z
    .array(
      z.object({
        id,
        name: z.string(),
        animated: z.boolean().default(false),
        managed: z.boolean().default(false),
        image_b64: z.string().nullable().optional(),
      }),
    )
    .default([]),
  stickers: z
    .array(
      z.object({
        id,
        name: z.string(),
        description: z.string().nullable().optional(),
        emoji: z.string().nullable().optional(),
        image_b64: z.string().nullable().optional(),
      }),
    )
    .default([]),
  member_roles: z.array(z.object({ user_id: id, role_ids: z.array(id) })).default([]),
  server_settings: z.record(z.string(), z.unknown()).default({}),
  bot_settings: z
    .object({
      custom_prefix: z.string().nullable().optional(),
      mention_prefix_enabled: z.boolean().nullable().optional(),
    })
    .partial()
    .default({}),
});
export type SeedSnapshot = z.infer<typeof seedSchema>;

/**
 * Makes integer ids safe before JSON.parse: numbers of 16 or more digits (they exceed 2^53) become
 * strings. Text inside JSON strings is left alone.
 */
export function quoteLargeIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j] as string)) j++;
      const token = text.slice(i, j);
      out += /^-?\d{16,}$/.test(token) ? `"${token}"` : token;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Converts the old format, collecting its inline images for content-addressed storage. */
export async function convertSeed(
  seed: SeedSnapshot,
): Promise<{ snapshot: Snapshot; assets: Map<string, Uint8Array<ArrayBuffer>> }> {
  const assets = new Map<string, Uint8Array<ArrayBuffer>>();
  const warnings = [
    "Imported from the previous framework's format: @everyone permissions, bans, member overwrites of unknown roles and channel types beyond text/voice/forum/stage were not in the source.",
  ];
  const image = async (b64: string | null | undefined, contentType: string): Promise<AssetRef | null> => {
    if (!b64) return null;
    const bytes = fromBase64(b64);
    const sha256 = await sha256Hex(bytes);
    assets.set(sha256, bytes);
    return { sha256, contentType, size: bytes.byteLength };
  };
  const s = seed.server_settings;
  const str = (k: string) => (typeof s[k] === 'string' || typeof s[k] === 'number' ? String(s[k]) : null);
  const int = (k: string, d: number) => (typeof s[k] === 'number' ? (s[k] as number) : d);
  const overwrites = (list: z.infer<typeof overwrite>[]) =>
    list.map((o) => ({
      id: o.target_id,
      type: (o.target_type === 'member' ? 1 : 0) as 0 | 1,
      allow: o.allow,
      deny: o.deny,
    }));
  const channel = (
    c: {
      id: string;
      name: string;
      position: number;
      category_id: string | null;
      overwrites: z.infer<typeof overwrite>[];
    },
    type: number,
    extra: Partial<Snapshot['channels'][number]> = {},
  ) => ({
    id: c.id,
    type,
    name: c.name,
    position: c.position,
    parentId: c.category_id,
    topic: null,
    nsfw: false,
    rateLimitPerUser: null,
    bitrate: null,
    userLimit: null,
    rtcRegion: null,
    videoQualityMode: null,
    defaultAutoArchiveDuration: null,
    defaultThreadRateLimitPerUser: null,
    availableTags: [],
    defaultReactionEmoji: null,
    defaultSortOrder: null,
    defaultForumLayout: null,
    flags: 0,
    overwrites: overwrites(c.overwrites),
    ...extra,
  });
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    capturedAt: new Date(seed.captured_at).toISOString(),
    guild: {
      id: seed.guild.id,
      name: seed.guild.name,
      description: null,
      ownerId: seed.guild.owner_id,
      icon: await image(seed.guild.icon_b64, 'image/png'),
      banner: await image(seed.guild.banner_b64, 'image/png'),
      splash: null,
      discoverySplash: null,
      verificationLevel: int('verification_level', 0),
      defaultMessageNotifications: int('default_notifications', 0),
      explicitContentFilter: int('explicit_content_filter', 0),
      afkChannelId: str('afk_channel_id'),
      afkTimeout: int('afk_timeout', 300),
      systemChannelId: str('system_channel_id'),
      systemChannelFlags: 0,
      rulesChannelId: str('rules_channel_id'),
      publicUpdatesChannelId: str('public_updates_channel_id'),
      safetyAlertsChannelId: null,
      preferredLocale: str('preferred_locale') ?? 'en-US',
      premiumProgressBarEnabled: s.premium_progress_bar_enabled === true,
      features: [],
      premiumTier: seed.guild.premium_tier ?? 0,
      mfaLevel: 0,
      nsfwLevel: 0,
      memberCount: seed.guild.member_count ?? null,
    },
    roles: seed.roles.map((r) => ({
      id: r.id,
      name: r.name,
      colors: { primary: r.color, secondary: null, tertiary: null },
      hoist: r.hoist,
      icon: null,
      unicodeEmoji: null,
      position: r.position,
      permissions: r.permissions_value,
      managed: false,
      mentionable: r.mentionable,
      flags: 0,
      tags: null,
    })),
    channels: [
      ...seed.categories.map((c) => channel(c, 4, { nsfw: c.nsfw })),
      ...seed.text_channels.map((c) =>
        channel(c, 0, {
          topic: c.topic ?? null,
          nsfw: c.nsfw,
          rateLimitPerUser: c.slowmode_delay ?? 0,
          defaultAutoArchiveDuration: c.default_auto_archive_duration ?? null,
        }),
      ),
      ...seed.voice_channels.map((c) =>
        channel(c, 2, {
          bitrate: c.bitrate ?? null,
          userLimit: c.user_limit ?? null,
          rtcRegion: c.rtc_region ?? null,
        }),
      ),
      ...seed.forum_channels.map((c) =>
        channel(c, 15, { topic: c.topic ?? null, nsfw: c.nsfw, rateLimitPerUser: c.slowmode_delay ?? 0 }),
      ),
      ...seed.stage_channels.map((c) => channel(c, 13, { topic: c.topic ?? null })),
    ],
    emojis: await Promise.all(
      seed.emojis.map(async (e) => ({
        id: e.id,
        name: e.name,
        animated: e.animated,
        roles: [],
        requireColons: true,
        managed: e.managed,
        available: true,
        image: await image(e.image_b64, e.animated ? 'image/gif' : 'image/png'),
      })),
    ),
    stickers: await Promise.all(
      seed.stickers.map(async (st) => ({
        id: st.id,
        name: st.name,
        description: st.description ?? null,
        tags: st.emoji ?? '',
        formatType: 1,
        available: true,
        image: await image(st.image_b64, 'image/png'),
      })),
    ),
    members: {
      captured: seed.member_roles.length > 0,
      reason: seed.member_roles.length > 0 ? null : 'The source had no member roles.',
      items: seed.member_roles.map((m) => ({ userId: m.user_id, roles: m.role_ids, nick: null })),
    },
    bans: { captured: false, reason: 'The source format has no bans.', items: [] },
    botSettings: {
      prefix: seed.bot_settings.custom_prefix ?? null,
      mentionPrefix: seed.bot_settings.mention_prefix_enabled ?? null,
      roleRequirements: [],
    },
    warnings,
  };
  return { snapshot, assets };
}
