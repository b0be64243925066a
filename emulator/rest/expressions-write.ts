import { PermissionFlagsBits } from 'discord-api-types/v10';
import { AuditLogEvent, diffChanges, recordAudit } from '../audit-log';
import { isAnimated, parseImageData, type UploadedImage } from '../cdn/uploads';
import type { EmulatorContext } from '../context';
import { FormErrors } from '../form-errors';
import { type BotStanding, botStanding } from '../hierarchy';
import { errors, json, noContent } from '../http';
import { has } from '../permissions';
import { emojiObject, stickerObject } from '../serialize-guild';
import type { EmojiRecord, GuildRecord, StickerRecord } from '../state';
import { type AddRoute, bodyRecord, requireGuild } from './route';
import { parseStickerUpload } from './sticker-upload';

/**
 * Emoji and sticker writes (`developers/resources/emoji.mdx`, `sticker.mdx`). Creating needs Create Expressions;
 * editing or deleting one the bot created needs Create or Manage Expressions, anyone else's Manage Expressions.
 * Emoji images are image data ≤256 KiB (else 50138); slots by Boost tier, static and animated counted apart
 * (30008 / 30018); sticker slots by tier (30039). The CDN serves the uploaded bytes.
 */
export const MAX_EMOJI_BYTES = 256 * 1024;

export function emojiSlots(guild: GuildRecord): number {
  const base = [50, 100, 150, 250][guild.premium_tier ?? 0] ?? 50;
  return guild.features.includes('MORE_EMOJI') ? Math.max(200, base) : base;
}

export function stickerSlots(guild: GuildRecord): number {
  if (guild.features.includes('MORE_STICKERS')) return 60;
  return [5, 15, 30, 60][guild.premium_tier ?? 0] ?? 5;
}

const create = (s: BotStanding) => has(s.permissions, PermissionFlagsBits.CreateGuildExpressions);
const manage = (s: BotStanding) => has(s.permissions, PermissionFlagsBits.ManageGuildExpressions);

/** Own expressions: Create or Manage Expressions; others': Manage Expressions. */
function requireEditRight(ctx: EmulatorContext, standing: BotStanding, creatorId: string | undefined): void {
  const own = creatorId === ctx.store.state.botUserId;
  if (!(manage(standing) || (own && create(standing)))) throw errors.missingPermissions();
}

function emojiName(form: FormErrors, name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length < 2 || name.length > 32) {
    form.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 32 in length.');
    return undefined;
  }
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    form.add(['name'], 'STRING_TYPE_REGEX', 'String value did not match validation regex.');
    return undefined;
  }
  return name;
}

function emojiRoles(guild: GuildRecord, form: FormErrors, roles: unknown): string[] {
  if (roles === undefined || roles === null) return [];
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    form.add(['roles'], 'ARRAY_TYPE_CONVERT', 'Only iterables of snowflakes may be used.');
    return [];
  }
  for (const id of roles) if (!guild.roles.some((r) => r.id === id)) throw errors.unknownRole();
  return [...new Set(roles as string[])];
}

const EMOJI_KEYS = ['name', 'roles'] as const;
const STICKER_KEYS = ['name', 'description', 'tags', 'format_type'] as const;
const rec = (v: unknown) => v as Record<string, unknown>;

export function registerExpressionWriteRoutes(add: AddRoute): void {
  add('POST', '/guilds/:guildId/emojis', {
    auth: 'bot',
    bucket: 'emojiCreate',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      if (!create(standing)) throw errors.missingPermissions();
      const data = bodyRecord(body);
      const form = new FormErrors();
      const name = emojiName(form, data.name);
      const roles = emojiRoles(guild, form, data.roles);
      form.required(['image'], data.image);
      form.throwIfAny();
      const image: UploadedImage = parseImageData(data.image, 'image');
      if (image.bytes.byteLength > MAX_EMOJI_BYTES) throw errors.assetTooLarge(MAX_EMOJI_BYTES);
      const animated = isAnimated(image);
      const slots = emojiSlots(guild);
      const count = guild.emojis.filter((e) => e.animated === animated && !e.managed).length;
      if (count >= slots) throw animated ? errors.maxAnimatedEmojis(slots) : errors.maxEmojis(slots);
      const emoji: EmojiRecord = {
        id: ctx.newId(),
        name: name!,
        roles,
        user_id: ctx.store.state.botUserId,
        require_colons: true,
        managed: false,
        animated,
        available: true,
      };
      guild.emojis.push(emoji);
      ctx.images.put(`emoji/${emoji.id}`, image);
      const changes = diffChanges(null, rec(emoji), EMOJI_KEYS);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.EmojiCreate,
        target_id: emoji.id,
        changes,
      });
      return json(201, emojiObject(ctx, emoji, true));
    },
  });

  add('PATCH', '/guilds/:guildId/emojis/:emojiId', {
    auth: 'bot',
    bucket: 'emojis',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const emoji = guild.emojis.find((e) => e.id === params.emojiId);
      if (!emoji) throw errors.unknownEmoji();
      const standing = botStanding(ctx, guild);
      requireEditRight(ctx, standing, emoji.user_id);
      const data = bodyRecord(body);
      const form = new FormErrors();
      const name = data.name === undefined ? undefined : emojiName(form, data.name);
      const roles = data.roles === undefined ? undefined : emojiRoles(guild, form, data.roles);
      form.throwIfAny();
      const before = structuredClone(emoji);
      if (name !== undefined) emoji.name = name;
      if (roles !== undefined) emoji.roles = roles;
      const changes = diffChanges(rec(before), rec(emoji), EMOJI_KEYS);
      if (changes.length > 0)
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.EmojiUpdate,
          target_id: emoji.id,
          changes,
        });
      return json(200, emojiObject(ctx, emoji, true));
    },
  });

  add('DELETE', '/guilds/:guildId/emojis/:emojiId', {
    auth: 'bot',
    bucket: 'emojis',
    major: 'guild',
    handler: ({ ctx, params, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const index = guild.emojis.findIndex((e) => e.id === params.emojiId);
      const emoji = guild.emojis[index];
      if (!emoji) throw errors.unknownEmoji();
      requireEditRight(ctx, botStanding(ctx, guild), emoji.user_id);
      guild.emojis.splice(index, 1);
      ctx.images.delete(`emoji/${emoji.id}`);
      const changes = diffChanges(rec(emoji), null, EMOJI_KEYS);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.EmojiDelete,
        target_id: emoji.id,
        changes,
      });
      return noContent();
    },
  });

  add('POST', '/guilds/:guildId/stickers', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, namedFiles, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      if (!create(standing)) throw errors.missingPermissions();
      const upload = parseStickerUpload(guild, body === undefined ? {} : bodyRecord(body), namedFiles.file);
      const slots = stickerSlots(guild);
      if (guild.stickers.length >= slots) throw errors.maxStickers(slots);
      const sticker: StickerRecord = {
        id: ctx.newId(),
        ...upload.fields,
        available: true,
        user_id: ctx.store.state.botUserId,
      };
      guild.stickers.push(sticker);
      ctx.images.put(`sticker/${sticker.id}`, upload.image);
      const changes = diffChanges(null, rec(sticker), STICKER_KEYS);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.StickerCreate,
        target_id: sticker.id,
        changes,
      });
      return json(200, stickerObject(ctx, guild.id, sticker, true));
    },
  });

  add('PATCH', '/guilds/:guildId/stickers/:stickerId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const sticker = guild.stickers.find((s) => s.id === params.stickerId);
      if (!sticker) throw errors.unknownSticker();
      requireEditRight(ctx, botStanding(ctx, guild), sticker.user_id);
      const data = bodyRecord(body);
      const form = new FormErrors();
      const next: Partial<StickerRecord> = {};
      if (data.name !== undefined) {
        if (typeof data.name !== 'string' || data.name.length < 2 || data.name.length > 30)
          form.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 30 in length.');
        else next.name = data.name;
      }
      if (data.description !== undefined) {
        const d = data.description;
        if (d !== null && (typeof d !== 'string' || (d.length > 0 && (d.length < 2 || d.length > 100))))
          form.add(['description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.');
        else next.description = d === '' ? null : d;
      }
      if (data.tags !== undefined) {
        if (typeof data.tags !== 'string' || data.tags.length > 200)
          form.add(['tags'], 'BASE_TYPE_MAX_LENGTH', 'Must be 200 or fewer in length.');
        else next.tags = data.tags;
      }
      form.throwIfAny();
      const before = structuredClone(sticker);
      Object.assign(sticker, next);
      const changes = diffChanges(rec(before), rec(sticker), STICKER_KEYS);
      if (changes.length > 0)
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.StickerUpdate,
          target_id: sticker.id,
          changes,
        });
      return json(200, stickerObject(ctx, guild.id, sticker, true));
    },
  });

  add('DELETE', '/guilds/:guildId/stickers/:stickerId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const index = guild.stickers.findIndex((s) => s.id === params.stickerId);
      const sticker = guild.stickers[index];
      if (!sticker) throw errors.unknownSticker();
      requireEditRight(ctx, botStanding(ctx, guild), sticker.user_id);
      guild.stickers.splice(index, 1);
      ctx.images.delete(`sticker/${sticker.id}`);
      const changes = diffChanges(rec(sticker), null, STICKER_KEYS);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.StickerDelete,
        target_id: sticker.id,
        changes,
      });
      return noContent();
    },
  });
}
