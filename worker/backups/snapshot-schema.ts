import { z } from 'zod';

/**
 * The backup snapshot, version 1: the single source of truth for what a backup holds. Everything is keyed
 * by the original ids so that a restore (and a diff) can match by id, never by name. Image bytes are not
 * inline: `AssetRef`s point at content-addressed objects in R2 (`assets/<sha256>`).
 */
export const SNAPSHOT_FORMAT = 'edgeward.snapshot';
export const SNAPSHOT_VERSION = 1;

const id = z.string().regex(/^\d{1,20}$/, 'must be a snowflake');
const bitfield = z.string().regex(/^\d+$/, 'must be a permission bitfield');

export const assetRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** Discord's hash of the image when captured (guild and role images), to see later whether it changed. */
  discordHash: z.string().optional(),
});
export type AssetRef = z.infer<typeof assetRefSchema>;

export const overwriteSchema = z.object({
  id,
  /** 0 = role, 1 = member */
  type: z.union([z.literal(0), z.literal(1)]),
  allow: bitfield,
  deny: bitfield,
});

export const guildSettingsSchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  ownerId: id,
  icon: assetRefSchema.nullable(),
  banner: assetRefSchema.nullable(),
  splash: assetRefSchema.nullable(),
  discoverySplash: assetRefSchema.nullable(),
  verificationLevel: z.number().int(),
  defaultMessageNotifications: z.number().int(),
  explicitContentFilter: z.number().int(),
  afkChannelId: id.nullable(),
  afkTimeout: z.number().int(),
  systemChannelId: id.nullable(),
  systemChannelFlags: z.number().int(),
  rulesChannelId: id.nullable(),
  publicUpdatesChannelId: id.nullable(),
  safetyAlertsChannelId: id.nullable(),
  preferredLocale: z.string(),
  premiumProgressBarEnabled: z.boolean(),
  features: z.array(z.string()),
  premiumTier: z.number().int(),
  mfaLevel: z.number().int(),
  nsfwLevel: z.number().int(),
  memberCount: z.number().int().nullable(),
});

export const roleSchema = z.object({
  id,
  name: z.string(),
  colors: z.object({
    primary: z.number().int(),
    secondary: z.number().int().nullable(),
    tertiary: z.number().int().nullable(),
  }),
  hoist: z.boolean(),
  icon: assetRefSchema.nullable(),
  unicodeEmoji: z.string().nullable(),
  position: z.number().int(),
  permissions: bitfield,
  managed: z.boolean(),
  mentionable: z.boolean(),
  flags: z.number().int(),
  /** Discord's role tags (bot_id, integration_id, premium_subscriber…), kept to match managed roles. */
  tags: z.record(z.string(), z.union([z.string(), z.null()])).nullable(),
});

export const forumTagSchema = z.object({
  id,
  name: z.string(),
  moderated: z.boolean(),
  emojiId: id.nullable(),
  emojiName: z.string().nullable(),
});

export const channelSchema = z.object({
  id,
  type: z.number().int(),
  name: z.string(),
  position: z.number().int(),
  parentId: id.nullable(),
  topic: z.string().nullable(),
  nsfw: z.boolean(),
  rateLimitPerUser: z.number().int().nullable(),
  bitrate: z.number().int().nullable(),
  userLimit: z.number().int().nullable(),
  rtcRegion: z.string().nullable(),
  videoQualityMode: z.number().int().nullable(),
  defaultAutoArchiveDuration: z.number().int().nullable(),
  defaultThreadRateLimitPerUser: z.number().int().nullable(),
  availableTags: z.array(forumTagSchema),
  defaultReactionEmoji: z.object({ emojiId: id.nullable(), emojiName: z.string().nullable() }).nullable(),
  defaultSortOrder: z.number().int().nullable(),
  defaultForumLayout: z.number().int().nullable(),
  flags: z.number().int(),
  overwrites: z.array(overwriteSchema),
});

export const emojiSchema = z.object({
  id,
  name: z.string(),
  animated: z.boolean(),
  roles: z.array(id),
  requireColons: z.boolean(),
  managed: z.boolean(),
  available: z.boolean(),
  image: assetRefSchema.nullable(),
});

export const stickerSchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  tags: z.string(),
  formatType: z.number().int(),
  available: z.boolean(),
  image: assetRefSchema.nullable(),
});

/** A part that may not have been capturable (missing intent or permission): says why instead of failing. */
const partial = <T extends z.ZodType>(item: T) =>
  z.object({ captured: z.boolean(), reason: z.string().nullable(), items: z.array(item) });

export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  capturedAt: z.iso.datetime(),
  guild: guildSettingsSchema,
  roles: z.array(roleSchema),
  channels: z.array(channelSchema),
  emojis: z.array(emojiSchema),
  stickers: z.array(stickerSchema),
  members: partial(z.object({ userId: id, roles: z.array(id), nick: z.string().nullable() })),
  bans: partial(z.object({ userId: id, reason: z.string().nullable() })),
  botSettings: z.object({
    prefix: z.string().nullable(),
    mentionPrefix: z.boolean().nullable(),
    roleRequirements: z.array(z.object({ command: z.string(), roleId: id })),
  }),
  /** Problems met during capture that did not stop it (an image that could not be fetched, …). */
  warnings: z.array(z.string()),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotRole = z.infer<typeof roleSchema>;
export type SnapshotChannel = z.infer<typeof channelSchema>;
