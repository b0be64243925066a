import { MessageFlags, MessageType } from 'discord-api-types/v10';
import { commitUploads, prepareAttachments, type UploadedFile } from '../attachments';
import type { EmulatorContext } from '../context';
import { FormErrors, isRecord } from '../form-errors';
import { errors } from '../http';
import { type CreateMessageOptions, createMessage, editMessage } from '../messages';
import type { MessageRecord } from '../state';
import { validateMessageBody } from '../validate-message';
import type { InteractionRecord } from './records';

/**
 * Applies an initial interaction response (callback types 1, 4–9), whether it came as the worker's HTTP body or
 * through `POST /interactions/:id/:token/callback`. A second response → 400 40060.
 */
const ALLOWED: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

export function applyInteractionResponse(
  ctx: EmulatorContext,
  record: InteractionRecord,
  response: unknown,
  via: 'http' | 'callback',
  files: UploadedFile[] = [],
): MessageRecord | undefined {
  if (!isRecord(response) || typeof response.type !== 'number') {
    throw errors.invalidFormBody({
      type: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
    });
  }
  if (record.acknowledged) throw errors.alreadyAcknowledged();
  const type = response.type;
  const interactionType = record.interaction.type as number;
  const componentMessage = (record.interaction as { message?: { id: string; channel_id: string } }).message;
  const allowed = (ALLOWED[interactionType] ?? []).filter((t) => (t !== 6 && t !== 7) || componentMessage);
  if (!allowed.includes(type)) {
    throw errors.invalidFormBody({
      type: {
        _errors: [
          {
            code: 'INTERACTION_RESPONSE_TYPE_INVALID',
            message: `Value must be one of {${allowed.join(', ')}}.`,
          },
        ],
      },
    });
  }
  const data = isRecord(response.data) ? response.data : {};
  let message: MessageRecord | undefined;
  switch (type) {
    case 4: {
      const prepared = prepareAttachments(ctx, data, files, { channelId: record.channelId, edit: false });
      validateMessageBody(prepared.data);
      message = createMessage(ctx, messageOptions(record, prepared.data, 0));
      commitUploads(ctx, prepared.uploads, message);
      break;
    }
    case 5:
      message = createMessage(
        ctx,
        messageOptions(
          record,
          { flags: Number(data.flags ?? 0) & MessageFlags.Ephemeral },
          MessageFlags.Loading,
        ),
      );
      break;
    case 6:
    case 7: {
      const target = ctx.store.message(componentMessage!.channel_id, componentMessage!.id);
      if (!target) throw errors.unknownMessage();
      if (type === 7) {
        const prepared = prepareAttachments(ctx, data, files, {
          channelId: target.message.channel_id,
          existing: target.message.attachments,
          edit: true,
        });
        validateMessageBody(prepared.data, { partial: true });
        editMessage(ctx, target, prepared.data);
        commitUploads(ctx, prepared.uploads, target);
      }
      record.original = { channelId: target.message.channel_id, messageId: target.message.id };
      message = type === 7 ? target : undefined;
      break;
    }
    case 8:
      record.choices = validateChoices(data.choices);
      break;
    case 9:
      record.modal = validateModal(data);
      break;
    default:
      break;
  }
  if (message && (type === 4 || type === 5)) {
    record.original = { channelId: message.message.channel_id, messageId: message.message.id };
    record.produced.push({ ...record.original });
  }
  record.acknowledged = true;
  record.response = {
    type,
    ...(response.data !== undefined ? { data: structuredClone(response.data) } : {}),
  };
  record.responseVia = via;
  ctx.interactions.changed();
  return message;
}

/** Options for messages an interaction creates (reply, placeholder, follow-up). */
export function messageOptions(
  record: InteractionRecord,
  body: Record<string, unknown>,
  extraFlags: number,
  originalResponseMessageId?: string,
): CreateMessageOptions {
  const interaction = record.interaction as {
    type: number;
    data?: { name?: string; type?: number };
    message?: { id: string };
  };
  const isCommand = interaction.type === 2;
  const commandType = isCommand ? (interaction.data?.type ?? 1) : undefined;
  const options: CreateMessageOptions = {
    channelId: record.channelId,
    body,
    extraFlags,
    type: !isCommand
      ? MessageType.Default
      : commandType === 1
        ? MessageType.ChatInputCommand
        : MessageType.ContextMenuCommand,
    interaction: {
      id: record.id,
      type: interaction.type,
      userId: record.userId,
      ...(isCommand && interaction.data?.name ? { name: interaction.data.name } : {}),
      ...(commandType !== undefined ? { commandType } : {}),
      ...(record.guildId ? { guildId: record.guildId } : {}),
      ...(originalResponseMessageId ? { originalResponseMessageId } : {}),
      ...(interaction.message ? { interactedMessageId: interaction.message.id } : {}),
    },
  };
  if (typeof body.flags === 'number' && (body.flags & MessageFlags.Ephemeral) !== 0)
    options.ephemeralFor = record.userId;
  return options;
}

function validateChoices(choices: unknown): unknown[] {
  const form = new FormErrors();
  if (!Array.isArray(choices)) {
    form.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    form.maxItems(['data', 'choices'], choices, 25);
    choices.forEach((choice: unknown, i: number) => {
      if (!isRecord(choice)) return;
      if (form.required(['data', 'choices', i, 'name'], choice.name)) {
        form.maxLength(['data', 'choices', i, 'name'], choice.name, 100);
      }
      if (choice.value === undefined)
        form.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else form.maxLength(['data', 'choices', i, 'value'], choice.value, 100);
    });
  }
  form.throwIfAny();
  return structuredClone(choices as unknown[]);
}

function validateModal(data: Record<string, unknown>): unknown {
  const form = new FormErrors();
  if (form.required(['data', 'custom_id'], data.custom_id))
    form.maxLength(['data', 'custom_id'], data.custom_id, 100);
  if (form.required(['data', 'title'], data.title)) form.maxLength(['data', 'title'], data.title, 45);
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
    form.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
  form.throwIfAny();
  return structuredClone(data);
}
