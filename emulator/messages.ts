import { type APIEmbed, type APIMessage, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import { isRecord } from './form-errors';
import { errors } from './http';
import { userObject } from './serialize';
import type { MessageRecord } from './state';
import { isEmptyMessage } from './validate-message';

/** Creating and editing stored messages; shared by channel REST routes and interaction responses. */
export interface CreateMessageOptions {
  channelId: string;
  body: Record<string, unknown>;
  type?: MessageType;
  /** Flags the emulator adds itself (LOADING for deferred responses). */
  extraFlags?: number;
  /** Interaction responses and follow-ups. */
  interaction?: {
    id: string;
    type: number;
    userId: string;
    name?: string;
    commandType?: number;
    guildId?: string;
    originalResponseMessageId?: string;
    interactedMessageId?: string;
  };
  ephemeralFor?: string;
}

/** Flags a bot may set on a message it sends. */
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds |
  MessageFlags.Ephemeral |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsVoiceMessage |
  MessageFlags.IsComponentsV2;

export function createMessage(ctx: EmulatorContext, options: CreateMessageOptions): MessageRecord {
  const { body, interaction } = options;
  const id = ctx.newId();
  const bot = ctx.store.botUser();
  let flags =
    ((typeof body.flags === 'number' ? body.flags : 0) & SETTABLE_FLAGS) | (options.extraFlags ?? 0);
  if (!options.ephemeralFor) flags &= ~MessageFlags.Ephemeral;
  const message: Record<string, unknown> = {
    id,
    channel_id: options.channelId,
    author: structuredClone(bot),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: ctx.clock.iso(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: Array.isArray(body.attachments) ? structuredClone(body.attachments) : [],
    embeds: normalizeEmbeds(body.embeds),
    pinned: false,
    type: options.type ?? MessageType.Default,
    flags,
    components: Array.isArray(body.components) ? structuredClone(body.components) : [],
  };
  if (isRecord(body.poll)) message.poll = structuredClone(body.poll);
  if (isRecord(body.message_reference) && typeof body.message_reference.message_id === 'string') {
    message.message_reference = {
      type: 0,
      message_id: body.message_reference.message_id,
      channel_id: options.channelId,
      ...(typeof body.message_reference.guild_id === 'string'
        ? { guild_id: body.message_reference.guild_id }
        : {}),
    };
    if (message.type === MessageType.Default) message.type = MessageType.Reply;
  }
  if (typeof body.nonce === 'string' || typeof body.nonce === 'number') message.nonce = body.nonce;
  if (interaction) {
    message.webhook_id = ctx.store.applicationId;
    message.application_id = ctx.store.applicationId;
    const user = userObject(ctx, interaction.userId);
    const metadata: Record<string, unknown> = {
      id: interaction.id,
      type: interaction.type,
      user,
      authorizing_integration_owners: { '0': interaction.guildId ?? '0' },
    };
    if (interaction.name) metadata.name = interaction.name;
    if (interaction.commandType !== undefined) metadata.command_type = interaction.commandType;
    if (interaction.originalResponseMessageId) {
      metadata.original_response_message_id = interaction.originalResponseMessageId;
    }
    if (interaction.interactedMessageId) metadata.interacted_message_id = interaction.interactedMessageId;
    message.interaction_metadata = metadata;
    if (interaction.name)
      message.interaction = { id: interaction.id, type: interaction.type, name: interaction.name, user };
  }
  applyMentions(ctx, message, body);
  const record: MessageRecord = { message: message as unknown as APIMessage };
  if (options.ephemeralFor) record.ephemeralFor = options.ephemeralFor;
  if (interaction) record.interactionId = interaction.id;
  ctx.store.messages(options.channelId).push(record);
  const channel = ctx.store.channel(options.channelId);
  if (channel && !options.ephemeralFor) channel.last_message_id = id;
  return record;
}

/** Applies an edit body (fields present replace the old ones). Clears LOADING. Throws 50006 if it ends up empty. */
export function editMessage(
  ctx: EmulatorContext,
  record: MessageRecord,
  body: Record<string, unknown>,
): void {
  const message = record.message as unknown as Record<string, unknown>;
  const next: Record<string, unknown> = { ...message };
  if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) next.embeds = normalizeEmbeds(body.embeds);
  if ('components' in body)
    next.components = Array.isArray(body.components) ? structuredClone(body.components) : [];
  if ('attachments' in body)
    next.attachments = Array.isArray(body.attachments) ? structuredClone(body.attachments) : [];
  if ('poll' in body && isRecord(body.poll)) next.poll = structuredClone(body.poll);
  let flags = Number(message.flags ?? 0) & ~MessageFlags.Loading;
  if (typeof body.flags === 'number') {
    const editable = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
    flags = (flags & ~editable) | (body.flags & editable);
  }
  next.flags = flags;
  if (isEmptyMessage(next)) throw errors.emptyMessage();
  next.edited_timestamp = ctx.clock.iso();
  applyMentions(ctx, next, body);
  record.message = next as unknown as APIMessage;
}

export function isVisibleTo(record: MessageRecord, userId: string | undefined): boolean {
  return !record.ephemeralFor || record.ephemeralFor === userId;
}

function normalizeEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.filter(isRecord).map((e) => ({ type: 'rich', ...structuredClone(e) }) as APIEmbed);
}

/** Fills `mentions`, `mention_roles`, `mention_everyone` from the content, honouring `allowed_mentions`. */
function applyMentions(
  ctx: EmulatorContext,
  message: Record<string, unknown>,
  body: Record<string, unknown>,
): void {
  const content = typeof message.content === 'string' ? message.content : '';
  const allowed = isRecord(body.allowed_mentions) ? body.allowed_mentions : undefined;
  const parse = allowed && Array.isArray(allowed.parse) ? (allowed.parse as string[]) : undefined;
  const allowedUsers = allowed && Array.isArray(allowed.users) ? (allowed.users as string[]) : [];
  const allowedRoles = allowed && Array.isArray(allowed.roles) ? (allowed.roles as string[]) : [];
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  const usersOk = (id: string) => !allowed || parse?.includes('users') || allowedUsers.includes(id);
  const rolesOk = (id: string) => !allowed || parse?.includes('roles') || allowedRoles.includes(id);
  message.mentions = [...new Set(userIds)]
    .filter(usersOk)
    .map((id) => userObject(ctx, id))
    .filter((u) => u !== undefined);
  message.mention_roles = [...new Set(roleIds)].filter(rolesOk);
  message.mention_everyone =
    /@(everyone|here)/.test(content) && (!allowed || parse?.includes('everyone') === true);
}
