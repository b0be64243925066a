import { PermissionFlagsBits } from 'discord-api-types/v10';
import { commitUploads, prepareAttachments } from '../attachments';
import { dispatchMessageCreate } from '../gateway/user-messages';
import { ApiError, errors, json, noContent } from '../http';
import { createMessage, editMessage } from '../messages';
import { has } from '../permissions';
import { channelObject } from '../serialize';
import type { MessageRecord } from '../state';
import { validateMessageBody } from '../validate-message';
import { type AddRoute, bodyRecord, botPermissionsIn, requireChannel } from './route';

/** Channels and their messages. Sending checks the bot's computed permissions in the channel. */
const TEXT_TYPES = new Set([0, 1, 2, 3, 5, 10, 11, 12, 13]);

export function registerChannelMessageRoutes(add: AddRoute): void {
  add('GET', '/channels/:channelId', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params }) => json(200, channelObject(ctx, requireChannel(ctx, params.channelId!))),
  });

  add('GET', '/channels/:channelId/messages', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params, query }) => {
      const channel = requireChannel(ctx, params.channelId!);
      if (!has(botPermissionsIn(ctx, channel), PermissionFlagsBits.ReadMessageHistory)) return json(200, []);
      const limit = Number(query.get('limit') ?? '50');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw errors.invalidFormBody({
          limit: {
            _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 100.' }],
          },
        });
      }
      let list = ctx.store.messages(channel.id).filter((m) => !m.ephemeralFor);
      const before = query.get('before');
      const after = query.get('after');
      const around = query.get('around');
      if (before) list = list.filter((m) => BigInt(m.message.id) < BigInt(before));
      if (after) list = list.filter((m) => BigInt(m.message.id) > BigInt(after));
      const newestFirst = [...list].reverse();
      if (around) {
        const index = newestFirst.findIndex((m) => BigInt(m.message.id) <= BigInt(around));
        const start = Math.max(0, (index < 0 ? newestFirst.length : index) - Math.floor(limit / 2));
        return json(200, newestFirst.slice(start, start + limit).map(view));
      }
      const page = after ? newestFirst.slice(-limit) : newestFirst.slice(0, limit);
      return json(200, page.map(view));
    },
  });

  add('POST', '/channels/:channelId/messages', {
    auth: 'bot',
    bucket: 'messageCreate',
    major: 'channel',
    handler: ({ ctx, params, body, files }) => {
      const channel = requireChannel(ctx, params.channelId!);
      if (!TEXT_TYPES.has(channel.type))
        throw new ApiError(400, 50008, 'Cannot send messages in a non-text channel');
      if (!has(botPermissionsIn(ctx, channel), PermissionFlagsBits.SendMessages))
        throw errors.missingPermissions();
      const { data, uploads } = prepareAttachments(ctx, bodyRecord(body), files, {
        channelId: channel.id,
        edit: false,
      });
      validateMessageBody(data);
      const reference = data.message_reference;
      if (reference && typeof reference === 'object' && 'message_id' in reference) {
        const target = ctx.store.message(channel.id, String(reference.message_id));
        const failIfMissing = (reference as { fail_if_not_exists?: boolean }).fail_if_not_exists !== false;
        if (!target && failIfMissing) {
          throw errors.invalidFormBody({
            message_reference: {
              _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
            },
          });
        }
      }
      const message = createMessage(ctx, { channelId: channel.id, body: data });
      commitUploads(ctx, uploads, message);
      dispatchMessageCreate(ctx, message.message);
      return json(200, view(message));
    },
  });

  add('GET', '/channels/:channelId/messages/:messageId', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params }) => {
      const channel = requireChannel(ctx, params.channelId!);
      return json(200, view(requireMessage(ctx.store.message(channel.id, params.messageId!))));
    },
  });

  add('PATCH', '/channels/:channelId/messages/:messageId', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params, body, files }) => {
      const channel = requireChannel(ctx, params.channelId!);
      const record = requireMessage(ctx.store.message(channel.id, params.messageId!));
      if (record.message.author.id !== ctx.store.state.botUserId) throw errors.cannotEditOthers();
      const { data, uploads } = prepareAttachments(ctx, bodyRecord(body), files, {
        channelId: channel.id,
        existing: record.message.attachments,
        edit: true,
      });
      validateMessageBody(data, { partial: true });
      editMessage(ctx, record, data);
      commitUploads(ctx, uploads, record);
      return json(200, view(record));
    },
  });

  add('DELETE', '/channels/:channelId/messages/:messageId', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params }) => {
      const channel = requireChannel(ctx, params.channelId!);
      const record = requireMessage(ctx.store.message(channel.id, params.messageId!));
      const own = record.message.author.id === ctx.store.state.botUserId;
      if (!own && !has(botPermissionsIn(ctx, channel), PermissionFlagsBits.ManageMessages)) {
        throw errors.missingPermissions();
      }
      ctx.store.removeMessage(channel.id, record.message.id);
      return noContent();
    },
  });

  add('POST', '/channels/:channelId/typing', {
    auth: 'bot',
    major: 'channel',
    handler: ({ ctx, params }) => {
      requireChannel(ctx, params.channelId!);
      return noContent();
    },
  });
}

function requireMessage(record: MessageRecord | undefined): MessageRecord {
  if (!record || record.ephemeralFor) throw errors.unknownMessage();
  return record;
}

function view(record: MessageRecord) {
  return structuredClone(record.message);
}
