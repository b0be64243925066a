import type { EmulatorContext } from './context';
import { isRecord } from './form-errors';
import { deliveries, dispatchMemberRemove, joinGuild } from './gateway/member-events';
import { generateGuild, parseGenerateSpec } from './generate';
import { ControlError, json, type Reply } from './http';
import { guildObject } from './serialize-guild';
import type { GuildRecord } from './state';

/**
 * Control calls that change guilds (for backup and restore tests): generate a large guild, delete roles, channels,
 * emojis and stickers the way Discord does (references to them go too, and their CDN images 404), patch settings.
 */
type Add = (
  method: string,
  path: string,
  handler: (req: { ctx: EmulatorContext; params: Record<string, string>; body: unknown }) => Reply,
) => void;

function requireGuild(ctx: EmulatorContext, id: string): GuildRecord {
  const guild = ctx.store.guild(id);
  if (!guild) throw new ControlError(404, `unknown guild ${id}`);
  return guild;
}

const NULLABLE_STRINGS = [
  'icon',
  'splash',
  'discovery_splash',
  'banner',
  'description',
  'afk_channel_id',
  'system_channel_id',
  'rules_channel_id',
  'public_updates_channel_id',
  'safety_alerts_channel_id',
  'widget_channel_id',
  'vanity_url_code',
] as const;
const STRINGS = ['name', 'preferred_locale', 'owner_id'] as const;
const NUMBERS = [
  'afk_timeout',
  'verification_level',
  'default_message_notifications',
  'explicit_content_filter',
  'mfa_level',
  'system_channel_flags',
  'premium_tier',
  'premium_subscription_count',
  'nsfw_level',
  'max_members',
] as const;
const BOOLEANS = ['premium_progress_bar_enabled', 'widget_enabled'] as const;
const CHANNEL_REFERENCES = [
  'afk_channel_id',
  'system_channel_id',
  'rules_channel_id',
  'public_updates_channel_id',
  'safety_alerts_channel_id',
  'widget_channel_id',
] as const;

/** Checks every field first, then applies them all (a bad field changes nothing). */
export function patchGuild(guild: GuildRecord, body: unknown): void {
  if (!isRecord(body)) throw new ControlError(400, 'body must be an object');
  const target = guild as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    const ok =
      ((NULLABLE_STRINGS as readonly string[]).includes(key) &&
        (value === null || typeof value === 'string')) ||
      ((STRINGS as readonly string[]).includes(key) && typeof value === 'string') ||
      ((NUMBERS as readonly string[]).includes(key) && Number.isInteger(value)) ||
      ((BOOLEANS as readonly string[]).includes(key) && typeof value === 'boolean') ||
      (key === 'features' && Array.isArray(value) && value.every((f) => typeof f === 'string'));
    if (!ok) throw new ControlError(400, `cannot set ${key} to ${JSON.stringify(value)}`);
  }
  for (const [key, value] of Object.entries(body)) target[key] = Array.isArray(value) ? [...value] : value;
}

export function deleteRole(ctx: EmulatorContext, guild: GuildRecord, roleId: string): void {
  if (roleId === guild.id) throw new ControlError(400, 'the @everyone role cannot be deleted');
  const index = guild.roles.findIndex((r) => r.id === roleId);
  if (index < 0) throw new ControlError(404, `unknown role ${roleId} in guild ${guild.id}`);
  guild.roles.splice(index, 1);
  for (const member of guild.members) {
    if (member.roles.includes(roleId)) member.roles = member.roles.filter((r) => r !== roleId);
  }
  for (const emoji of guild.emojis) emoji.roles = emoji.roles.filter((r) => r !== roleId);
  for (const channel of ctx.store.guildChannels(guild.id)) {
    channel.permission_overwrites = (channel.permission_overwrites ?? []).filter(
      (o) => !(o.id === roleId && Number(o.type) === 0),
    );
  }
}

export function deleteChannel(ctx: EmulatorContext, channelId: string): void {
  const state = ctx.store.state;
  const index = state.channels.findIndex((c) => c.id === channelId);
  if (index < 0) throw new ControlError(404, `unknown channel ${channelId}`);
  const [channel] = state.channels.splice(index, 1);
  delete state.messages[channelId];
  for (const child of state.channels) if (child.parent_id === channelId) child.parent_id = null;
  const guild = channel?.guild_id ? ctx.store.guild(channel.guild_id) : undefined;
  if (!guild) return;
  for (const key of CHANNEL_REFERENCES) if (guild[key] === channelId) guild[key] = null;
}

export function registerGuildControlRoutes(add: Add): void {
  add('POST', '/guilds/generate', ({ ctx, body }) =>
    json(200, generateGuild(ctx.store, parseGenerateSpec(body))),
  );
  add('PATCH', '/guilds/:guildId', ({ ctx, params, body }) => {
    const guild = requireGuild(ctx, params.guildId!);
    patchGuild(guild, body);
    return json(200, guildObject(ctx, guild, false));
  });
  add('POST', '/guilds/:guildId/members/:userId/leave', ({ ctx, params }) => {
    const guild = requireGuild(ctx, params.guildId!);
    const index = guild.members.findIndex((m) => m.user_id === params.userId);
    if (index < 0) throw new ControlError(404, `no member ${params.userId} in guild ${guild.id}`);
    guild.members.splice(index, 1);
    const delivered = dispatchMemberRemove(ctx, guild, params.userId!);
    return json(200, { ok: true, delivered: deliveries(delivered) });
  });
  add('POST', '/guilds/:guildId/members/:userId/join', ({ ctx, params }) =>
    json(200, joinGuild(ctx, requireGuild(ctx, params.guildId!), params.userId!)),
  );
  add('DELETE', '/guilds/:guildId/roles/:roleId', ({ ctx, params }) => {
    deleteRole(ctx, requireGuild(ctx, params.guildId!), params.roleId!);
    return json(200, { ok: true });
  });
  add('DELETE', '/channels/:channelId', ({ ctx, params }) => {
    deleteChannel(ctx, params.channelId!);
    return json(200, { ok: true });
  });
  add('DELETE', '/guilds/:guildId/emojis/:emojiId', ({ ctx, params }) => {
    const guild = requireGuild(ctx, params.guildId!);
    const index = guild.emojis.findIndex((e) => e.id === params.emojiId);
    if (index < 0) throw new ControlError(404, `unknown emoji ${params.emojiId} in guild ${guild.id}`);
    guild.emojis.splice(index, 1);
    return json(200, { ok: true });
  });
  add('DELETE', '/guilds/:guildId/stickers/:stickerId', ({ ctx, params }) => {
    const guild = requireGuild(ctx, params.guildId!);
    const index = guild.stickers.findIndex((s) => s.id === params.stickerId);
    if (index < 0) throw new ControlError(404, `unknown sticker ${params.stickerId} in guild ${guild.id}`);
    guild.stickers.splice(index, 1);
    return json(200, { ok: true });
  });
}
