import { PermissionFlagsBits } from 'discord-api-types/v10';
import { AuditLogEvent, diffChanges, recordAudit } from '../audit-log';
import { imageHash, parseImageData } from '../cdn/uploads';
import { FormErrors } from '../form-errors';
import { botStanding, requirePermission } from '../hierarchy';
import { errors, json } from '../http';
import { guildObject } from '../serialize-guild';
import type { GuildRecord } from '../state';
import { type AddRoute, bodyRecord, requireGuild } from './route';

/**
 * Modify Guild (`developers/resources/guild.mdx`): needs Manage Server; adding or removing `COMMUNITY` needs
 * Administrator. Channel ids must name a channel of the guild (AFK: voice; rules and public updates: text, else
 * 50086). Images are image data (or null); a new hash is served by the CDN with the uploaded bytes. Only the mutable
 * features (COMMUNITY, DISCOVERABLE, INVITES_DISABLED, RAID_ALERTS_DISABLED) change; others are kept as they are.
 */
const MUTABLE_FEATURES = ['COMMUNITY', 'DISCOVERABLE', 'INVITES_DISABLED', 'RAID_ALERTS_DISABLED'];
const AFK_TIMEOUTS = [60, 300, 900, 1800, 3600];
const CHANNEL_KEYS = [
  'afk_channel_id',
  'system_channel_id',
  'rules_channel_id',
  'public_updates_channel_id',
  'safety_alerts_channel_id',
] as const;
const IMAGE_KEYS = { icon: 'icon', splash: 'splash', discovery_splash: 'discovery-splash', banner: 'banner' };
const INTS: Record<string, [number, number]> = {
  verification_level: [0, 4],
  default_message_notifications: [0, 1],
  explicit_content_filter: [0, 2],
  system_channel_flags: [0, 2 ** 31],
};
const AUDIT_KEYS = [
  'name',
  'description',
  'icon',
  'splash',
  'discovery_splash',
  'banner',
  'afk_channel_id',
  'afk_timeout',
  'verification_level',
  'default_message_notifications',
  'explicit_content_filter',
  'system_channel_id',
  'system_channel_flags',
  'rules_channel_id',
  'public_updates_channel_id',
  'safety_alerts_channel_id',
  'preferred_locale',
  'features',
  'premium_progress_bar_enabled',
];

export function registerGuildWriteRoutes(add: AddRoute): void {
  add('PATCH', '/guilds/:guildId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageGuild);
      const data = bodyRecord(body);
      const form = new FormErrors();
      const set: Partial<GuildRecord> & Record<string, unknown> = {};
      const uploads: [string, ReturnType<typeof parseImageData>][] = [];
      if (data.name !== undefined) {
        if (typeof data.name !== 'string' || [...data.name].length < 2 || [...data.name].length > 100)
          form.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.');
        else set.name = data.name;
      }
      for (const key of ['description', 'preferred_locale'] as const) {
        const value = data[key];
        if (value === undefined) continue;
        if (value !== null && typeof value !== 'string')
          form.add([key], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
        else (set as Record<string, unknown>)[key] = key === 'preferred_locale' ? (value ?? 'en-US') : value;
      }
      for (const [key, [min, max]] of Object.entries(INTS)) {
        const value = data[key];
        if (value === undefined || value === null) continue;
        if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
          form.add([key], 'BASE_TYPE_CHOICES', `Value must be between ${min} and ${max}.`);
        else set[key] = value;
      }
      if (data.afk_timeout !== undefined) {
        if (!AFK_TIMEOUTS.includes(data.afk_timeout as number))
          form.add(
            ['afk_timeout'],
            'BASE_TYPE_CHOICES',
            `Value must be one of (${AFK_TIMEOUTS.join(', ')}).`,
          );
        else set.afk_timeout = data.afk_timeout as number;
      }
      if (data.premium_progress_bar_enabled !== undefined) {
        if (typeof data.premium_progress_bar_enabled !== 'boolean')
          form.add(['premium_progress_bar_enabled'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
        else set.premium_progress_bar_enabled = data.premium_progress_bar_enabled;
      }
      for (const key of CHANNEL_KEYS) {
        const value = data[key];
        if (value === undefined) continue;
        if (value === null) {
          set[key] = null;
          continue;
        }
        const channel = typeof value === 'string' ? ctx.store.channel(value) : undefined;
        if (!channel || channel.guild_id !== guild.id) {
          form.add([key], 'CHANNEL_INVALID', 'Unknown channel, or a channel of another guild.');
          continue;
        }
        if (key === 'afk_channel_id' && channel.type !== 2)
          form.add([key], 'CHANNEL_TYPE_INVALID', 'The AFK channel must be a voice channel.');
        else if (key !== 'afk_channel_id' && channel.type !== 0 && channel.type !== 5) {
          if (key === 'rules_channel_id' || key === 'public_updates_channel_id')
            throw errors.communityTextChannel();
          form.add([key], 'CHANNEL_TYPE_INVALID', 'Must be a text channel.');
        } else set[key] = channel.id;
      }
      for (const [key, kind] of Object.entries(IMAGE_KEYS)) {
        const value = data[key];
        if (value === undefined) continue;
        if (value === null) set[key] = null;
        else {
          const image = parseImageData(value, key);
          const hash = imageHash(image);
          set[key] = hash;
          uploads.push([`${kind}/${guild.id}/${hash}`, image]);
        }
      }
      if (data.features !== undefined) {
        if (!Array.isArray(data.features) || !data.features.every((f) => typeof f === 'string'))
          form.add(['features'], 'ARRAY_TYPE_CONVERT', 'Only iterables of strings may be used.');
        else set.features = nextFeatures(guild.features, data.features as string[]);
      }
      form.throwIfAny();
      if (set.features) {
        const had = guild.features.includes('COMMUNITY');
        const has = set.features.includes('COMMUNITY');
        if (had !== has && !standing.admin) throw errors.missingPermissions();
      }
      const before = guildObject(ctx, guild, false) as unknown as Record<string, unknown>;
      Object.assign(guild, set);
      for (const [key, image] of uploads) ctx.images.put(key, image);
      const after = guildObject(ctx, guild, false) as unknown as Record<string, unknown>;
      const changes = diffChanges(before, after, AUDIT_KEYS);
      if (changes.length > 0)
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.GuildUpdate,
          target_id: guild.id,
          changes,
        });
      return json(200, after);
    },
  });
}

/** Mutable features follow the request; the others stay as the guild has them. */
function nextFeatures(current: string[], requested: string[]): string[] {
  const kept = current.filter((f) => !MUTABLE_FEATURES.includes(f) || requested.includes(f));
  const added = MUTABLE_FEATURES.filter((f) => requested.includes(f) && !current.includes(f));
  return [...kept, ...added];
}
