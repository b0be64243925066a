import { randomBytes } from 'node:crypto';
import type { APIInteraction } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import { isRecord } from '../form-errors';
import { ControlError } from '../http';
import { isVisibleTo } from '../messages';
import { computeChannelPermissions, DM_PERMISSIONS } from '../permissions';
import { registeredCommand } from '../rest/application-commands';
import { channelObject, memberObject, userObject } from '../serialize';
import { stableSnowflake } from '../snowflake';
import type { ChannelRecord } from '../state';
import type { InteractionRecord } from './records';
import { Resolver } from './resolve';

/**
 * Builds and signs an interaction as Discord would POST it (`developers/interactions/receiving-and-responding.mdx`).
 * The record is stored so callbacks, follow-ups and edits can be matched to it.
 */
export interface BuildSpec {
  type: number;
  user_id?: string;
  guild_id?: string;
  channel_id?: string;
  message_id?: string;
  data?: Record<string, unknown>;
  locale?: string;
  /** Seconds added to `X-Signature-Timestamp`. */
  timestamp_offset?: number;
  bad_signature?: boolean;
}

export interface BuiltInteraction {
  id: string;
  token: string;
  body: string;
  headers: Record<string, string>;
  record: InteractionRecord;
}

export function parseBuildSpec(input: unknown): BuildSpec {
  if (!isRecord(input) || typeof input.type !== 'number' || input.type < 1 || input.type > 5) {
    throw new ControlError(400, 'body needs "type" 1..5');
  }
  const spec: BuildSpec = { type: input.type };
  for (const key of ['user_id', 'guild_id', 'channel_id', 'message_id', 'locale'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null) spec[key] = String(value);
  }
  if (isRecord(input.data)) spec.data = input.data;
  if (typeof input.timestamp_offset === 'number') spec.timestamp_offset = input.timestamp_offset;
  if (input.bad_signature === true) spec.bad_signature = true;
  return spec;
}

export function buildInteraction(ctx: EmulatorContext, spec: BuildSpec): BuiltInteraction {
  const { store } = ctx;
  const id = ctx.newId();
  const token = Buffer.from(`interaction:${id}:${randomBytes(24).toString('hex')}`).toString('base64url');
  const payload: Record<string, unknown> = {
    app_permissions: '0',
    application_id: store.applicationId,
    attachment_size_limit: 10485760,
    entitlements: [],
    id,
    token,
    type: spec.type,
    version: 1,
  };
  let userId = spec.user_id ?? '';
  let channel: ChannelRecord | undefined;
  if (spec.type !== 1 || spec.user_id) {
    const user = userObject(ctx, userId);
    if (!user) throw new ControlError(400, `unknown user_id ${userId || '(missing)'}`);
    const componentMessage = spec.message_id ? store.findMessage(spec.message_id) : undefined;
    if (spec.message_id && !componentMessage)
      throw new ControlError(400, `unknown message_id ${spec.message_id}`);
    if (componentMessage && !isVisibleTo(componentMessage, userId)) {
      throw new ControlError(400, `message ${spec.message_id} is ephemeral for another user`);
    }
    const channelId = spec.channel_id ?? componentMessage?.message.channel_id;
    if (spec.guild_id) {
      const guild = store.guild(spec.guild_id);
      if (!guild) throw new ControlError(400, `unknown guild_id ${spec.guild_id}`);
      const member = guild.members.find((m) => m.user_id === userId);
      if (!member) throw new ControlError(400, `user ${userId} is not a member of guild ${guild.id}`);
      channel = channelId
        ? store.channel(channelId)
        : store.guildChannels(guild.id).find((c) => c.type === 0);
      if (!channel || channel.guild_id !== guild.id) {
        throw new ControlError(400, `channel ${channelId ?? '(none)'} is not in guild ${guild.id}`);
      }
      const permissions = computeChannelPermissions(guild, channel, userId) ?? 0n;
      payload.member = { ...memberObject(ctx, member), permissions: permissions.toString() };
      payload.guild = { id: guild.id, locale: guild.preferred_locale, features: [...guild.features] };
      payload.guild_id = guild.id;
      payload.guild_locale = guild.preferred_locale;
      payload.app_permissions = (
        computeChannelPermissions(guild, channel, store.state.botUserId) ?? 0n
      ).toString();
      payload.context = 0;
      payload.authorizing_integration_owners = { '0': guild.id };
    } else {
      channel = channelId ? store.channel(channelId) : store.dmChannel(userId, ctx.newId);
      if (!channel || channel.guild_id)
        throw new ControlError(400, `channel ${channelId} is not a DM channel`);
      payload.user = user;
      payload.app_permissions = DM_PERMISSIONS.toString();
      payload.context = 1;
      payload.authorizing_integration_owners = { '0': '0' };
    }
    payload.channel = channelObject(ctx, channel);
    payload.channel_id = channel.id;
    payload.locale = spec.locale ?? 'en-US';
    const resolver = new Resolver(ctx, spec.guild_id, userId, channel.id);
    if (spec.type === 2 || spec.type === 4) payload.data = commandData(ctx, spec, resolver);
    if (spec.type === 3) {
      if (!componentMessage)
        throw new ControlError(400, 'type 3 needs message_id (a message with components)');
      payload.data = componentData(spec, componentMessage.message.components, resolver);
    }
    if (spec.type === 5) {
      if (typeof spec.data?.custom_id !== 'string')
        throw new ControlError(400, 'type 5 needs data.custom_id');
      payload.data = { components: [], ...structuredClone(spec.data) };
    }
    if (componentMessage) payload.message = structuredClone(componentMessage.message);
  } else {
    userId = '';
  }

  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000) + (spec.timestamp_offset ?? 0));
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Discord-Interactions/1.0 (+https://discord.com)',
    'X-Signature-Ed25519': ctx.keys.sign(timestamp, body, spec.bad_signature === true),
    'X-Signature-Timestamp': timestamp,
  };
  const record: InteractionRecord = {
    id,
    token,
    interaction: payload as unknown as APIInteraction,
    body,
    createdAt: ctx.clock.now(),
    userId,
    channelId: channel?.id ?? '',
    status: null,
    httpBody: null,
    response: null,
    responseVia: null,
    acknowledged: false,
    original: null,
    followups: [],
    edits: [],
    produced: [],
  };
  if (spec.guild_id) record.guildId = spec.guild_id;
  ctx.interactions.add(record);
  return { id, token, body, headers, record };
}

function commandData(ctx: EmulatorContext, spec: BuildSpec, resolver: Resolver): Record<string, unknown> {
  const data = spec.data ?? {};
  if (typeof data.name !== 'string') throw new ControlError(400, `type ${spec.type} needs data.name`);
  const commandType = typeof data.type === 'number' ? data.type : 1;
  const command = registeredCommand(ctx, data.name, commandType, spec.guild_id);
  const out: Record<string, unknown> = {
    id: command?.id ?? stableSnowflake(`${commandType}:${data.name}`),
    name: data.name,
    type: commandType,
  };
  if (command?.guild_id) out.guild_id = command.guild_id;
  if (Array.isArray(data.options)) {
    out.options = structuredClone(data.options);
    resolver.options(data.options);
  }
  if (typeof data.target_id === 'string') {
    out.target_id = data.target_id;
    if (commandType === 2) resolver.user(data.target_id);
    if (commandType === 3) resolver.message(data.target_id);
  }
  if (!resolver.isEmpty) out.resolved = resolver.resolved;
  if (isRecord(data.resolved)) out.resolved = { ...(out.resolved as object | undefined), ...data.resolved };
  return out;
}

function componentData(spec: BuildSpec, components: unknown, resolver: Resolver): Record<string, unknown> {
  const data = spec.data ?? {};
  const customId = data.custom_id;
  if (typeof customId !== 'string') throw new ControlError(400, 'type 3 needs data.custom_id');
  const component = findComponent(components, customId);
  if (!component)
    throw new ControlError(400, `message ${spec.message_id} has no component with custom_id "${customId}"`);
  const componentType =
    typeof data.component_type === 'number' ? data.component_type : Number(component.type);
  const out: Record<string, unknown> = { custom_id: customId, component_type: componentType };
  if (componentType !== 2) {
    const values = Array.isArray(data.values) ? data.values.map(String) : [];
    out.values = values;
    resolver.selectValues(componentType, values);
    if (!resolver.isEmpty) out.resolved = resolver.resolved;
  }
  return out;
}

function findComponent(components: unknown, customId: string): Record<string, unknown> | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const component of components) {
    if (!isRecord(component)) continue;
    if (component.custom_id === customId) return component;
    const nested =
      findComponent(component.components, customId) ??
      (isRecord(component.accessory) ? findComponent([component.accessory], customId) : undefined);
    if (nested) return nested;
  }
  return undefined;
}
