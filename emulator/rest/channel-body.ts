import type { APIOverwrite } from 'discord-api-types/v10';
import { FormErrors, isRecord } from '../form-errors';
import { ApiError } from '../http';
import { CHANNEL_DEFAULTS } from '../serialize';
import type { ChannelRecord, GuildRecord } from '../state';

/**
 * Bodies of Create Guild Channel and Modify Channel (`developers/resources/guild.mdx`, `channel.mdx`): fields are
 * type-checked (400 50035 listing every bad field) and only the ones the channel's type carries are kept.
 * Overwrites default `allow`/`deny` to "0". Forum and media tags get ids. Bitrate above the guild's tier → 30052.
 */
export const GUILD_CHANNEL_TYPES = new Set([0, 2, 4, 5, 13, 15, 16]);
export const MAX_PER_CATEGORY = 50;

const STRING_FIELDS = ['topic', 'rtc_region'] as const;
const INT_FIELDS: Record<string, [number, number]> = {
  bitrate: [8000, 384_000],
  user_limit: [0, 10_000],
  rate_limit_per_user: [0, 21_600],
  video_quality_mode: [1, 2],
  default_auto_archive_duration: [60, 10_080],
  default_sort_order: [0, 1],
  default_forum_layout: [0, 2],
  default_thread_rate_limit_per_user: [0, 21_600],
  flags: [0, 2 ** 31],
};
const COMMON = new Set(['name', 'position', 'permission_overwrites', 'parent_id', 'flags', 'nsfw']);

export interface ChannelFields {
  fields: Record<string, unknown>;
  overwrites?: APIOverwrite[];
  /** `parent_id` when given (null: out of its category). */
  parentId?: string | null;
}

export function parseChannelBody(
  body: Record<string, unknown>,
  type: number,
  options: { create: boolean; newId: () => string; existingTags?: { id: string }[] },
): ChannelFields {
  const form = new FormErrors();
  const out: ChannelFields = { fields: {} };
  const carries = (key: string) => COMMON.has(key) || key in (CHANNEL_DEFAULTS[type] ?? {});
  const { name } = body;
  if (options.create || name !== undefined) {
    if (name === undefined || name === null || name === '') form.required(['name'], name);
    else if (typeof name !== 'string')
      form.add(['name'], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
    else if ([...name].length > 100) form.maxLength(['name'], name, 100);
    else out.fields.name = name;
  }
  for (const key of STRING_FIELDS) {
    const value = body[key];
    if (value === undefined || !carries(key)) continue;
    if (value !== null && typeof value !== 'string')
      form.add([key], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
    else out.fields[key] = value === '' && key === 'topic' ? null : value;
  }
  const topicMax = type === 15 || type === 16 ? 4096 : 1024;
  form.maxLength(['topic'], body.topic, topicMax);
  for (const [key, [min, max]] of Object.entries(INT_FIELDS)) {
    const value = body[key];
    if (value === undefined || value === null || !carries(key)) continue;
    if (!Number.isInteger(value))
      form.add([key], 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
    else if ((value as number) < min || (value as number) > max)
      form.add([key], 'NUMBER_TYPE_MAX', `int value should be between ${min} and ${max}.`);
    else out.fields[key] = value;
  }
  if (body.position !== undefined && body.position !== null) {
    if (!Number.isInteger(body.position)) form.add(['position'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
    else out.fields.position = body.position;
  }
  if (body.nsfw !== undefined && body.nsfw !== null && carries('nsfw')) {
    if (typeof body.nsfw !== 'boolean')
      form.add(['nsfw'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    else out.fields.nsfw = body.nsfw;
  }
  if (body.parent_id !== undefined) {
    if (body.parent_id !== null && typeof body.parent_id !== 'string')
      form.add(['parent_id'], 'NUMBER_TYPE_COERCE', 'Value is not snowflake.');
    else out.parentId = body.parent_id;
  }
  if (body.permission_overwrites !== undefined && body.permission_overwrites !== null)
    out.overwrites = parseOverwrites(body.permission_overwrites, form);
  if (carries('available_tags') && body.available_tags !== undefined && body.available_tags !== null)
    out.fields.available_tags = parseTags(body.available_tags, form, options);
  if (carries('default_reaction_emoji') && body.default_reaction_emoji !== undefined) {
    const emoji = body.default_reaction_emoji;
    if (emoji !== null && !isRecord(emoji))
      form.add(
        ['default_reaction_emoji'],
        'DICT_TYPE_CONVERT',
        'Only dictionaries may be used in a DictType',
      );
    else
      out.fields.default_reaction_emoji = emoji
        ? { emoji_id: emoji.emoji_id ?? null, emoji_name: emoji.emoji_name ?? null }
        : null;
  }
  form.throwIfAny();
  return out;
}

function parseOverwrites(value: unknown, form: FormErrors): APIOverwrite[] {
  if (!Array.isArray(value)) {
    form.add(['permission_overwrites'], 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return [];
  }
  const bits = (v: unknown) => (v === undefined || v === null ? '0' : String(v));
  return value.flatMap((o, i): APIOverwrite[] => {
    const path = ['permission_overwrites', i];
    const type = isRecord(o) ? (o.type === 'role' ? 0 : o.type === 'member' ? 1 : o.type) : undefined;
    if (!isRecord(o) || typeof o.id !== 'string' || (type !== 0 && type !== 1)) {
      form.add(path, 'BASE_TYPE_REQUIRED', 'Overwrites need an id and a type (0 role, 1 member).');
      return [];
    }
    const allow = bits(o.allow);
    const deny = bits(o.deny);
    if (!/^\d{1,20}$/.test(allow) || !/^\d{1,20}$/.test(deny)) {
      form.add(path, 'NUMBER_TYPE_COERCE', 'allow and deny must be permission bitfields.');
      return [];
    }
    return [{ id: o.id, type, allow: BigInt(allow).toString(), deny: BigInt(deny).toString() }];
  });
}

function parseTags(
  value: unknown,
  form: FormErrors,
  options: { newId: () => string; existingTags?: { id: string }[] },
): unknown[] {
  if (!Array.isArray(value)) {
    form.add(['available_tags'], 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return [];
  }
  form.maxItems(['available_tags'], value, 20);
  return value.map((tag, i) => {
    if (!isRecord(tag) || typeof tag.name !== 'string') {
      form.add(['available_tags', i, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return null;
    }
    form.maxLength(['available_tags', i, 'name'], tag.name, 20);
    const known = typeof tag.id === 'string' && options.existingTags?.some((t) => t.id === tag.id);
    return {
      id: known ? tag.id : options.newId(),
      name: tag.name,
      moderated: tag.moderated === true,
      emoji_id: tag.emoji_id ?? null,
      emoji_name: tag.emoji_name ?? null,
    };
  });
}

/** The highest bitrate the guild allows (Boost tier; stage channels 64 kbps). */
export function maxBitrate(guild: GuildRecord, type: number): number {
  if (type === 13) return 64_000;
  if (guild.features.includes('VIP_REGIONS')) return 384_000;
  return [96_000, 128_000, 256_000, 384_000][guild.premium_tier ?? 0] ?? 96_000;
}

export function checkBitrate(guild: GuildRecord, type: number, fields: Record<string, unknown>): void {
  const bitrate = fields.bitrate;
  if (typeof bitrate === 'number' && bitrate > maxBitrate(guild, type))
    throw new ApiError(400, 30052, 'Bitrate is too high for channel of this type');
}

/** `parent_id` must name a category of the same guild (categories have none) with room for one more channel. */
export function checkParent(
  guild: GuildRecord,
  channels: ChannelRecord[],
  type: number,
  parentId: string | null,
  movingId?: string,
): void {
  if (parentId === null) return;
  const form = new FormErrors();
  const parent = channels.find((c) => c.id === parentId);
  if (type === 4 || !parent || parent.type !== 4 || parent.guild_id !== guild.id) {
    form.add(['parent_id'], 'CHANNEL_PARENT_INVALID', 'Invalid parent channel.');
  } else {
    const children = channels.filter((c) => c.parent_id === parentId && c.id !== movingId).length;
    if (children >= MAX_PER_CATEGORY)
      form.add(
        ['parent_id'],
        'CHANNEL_PARENT_MAX_CHANNELS',
        `Maximum number of channels in category reached (${MAX_PER_CATEGORY})`,
      );
  }
  form.throwIfAny();
}
