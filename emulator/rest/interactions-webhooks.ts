import { MessageFlags } from 'discord-api-types/v10';
import { commitUploads, prepareAttachments } from '../attachments';
import type { EmulatorContext } from '../context';
import { errors, json, noContent } from '../http';
import type { InteractionRecord } from '../interactions/records';
import { applyInteractionResponse, messageOptions } from '../interactions/respond';
import { createMessage, editMessage } from '../messages';
import type { MessageRecord } from '../state';
import { validateMessageBody } from '../validate-message';
import { type AddRoute, bodyRecord, type RestRequest } from './route';

/**
 * Interaction callback and the interaction webhook (follow-ups, `@original`). No bot auth; exempt from the global
 * limit. Tokens expire 15 minutes after the interaction (401 50027); the callback must come within the deadline
 * (3 s, else 404 10062).
 */
export function registerInteractionWebhookRoutes(add: AddRoute): void {
  add('POST', '/interactions/:interactionId/:token/callback', {
    auth: 'none',
    major: 'interaction',
    exemptFromGlobal: true,
    handler: ({ ctx, params, query, body, files }) => {
      const record = ctx.interactions.get(params.interactionId!);
      if (!record || record.token !== params.token) throw errors.unknownInteraction();
      if (ctx.clock.now() - record.createdAt > ctx.callbackDeadlineMs && !record.acknowledged) {
        throw errors.unknownInteraction();
      }
      const message = applyInteractionResponse(ctx, record, bodyRecord(body), 'callback', files);
      if (query.get('with_response') !== 'true') return noContent();
      const flags = Number(message?.message.flags ?? 0);
      const type = Number(record.response?.type);
      return json(200, {
        interaction: {
          id: record.id,
          type: record.interaction.type,
          ...(message
            ? {
                response_message_id: message.message.id,
                response_message_loading: (flags & MessageFlags.Loading) !== 0,
                response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
              }
            : {}),
        },
        resource: {
          type,
          ...(message && (type === 4 || type === 7) ? { message: structuredClone(message.message) } : {}),
        },
      });
    },
  });

  const hook = { auth: 'none' as const, major: 'webhook' as const, exemptFromGlobal: true };

  add('POST', '/webhooks/:appId/:token', {
    ...hook,
    handler: (req) => {
      const { ctx } = req;
      const record = interactionForWebhook(req);
      if (!record.acknowledged) throw errors.unknownWebhook();
      const { data, uploads } = prepareAttachments(ctx, bodyRecord(req.body), req.files, {
        channelId: record.channelId,
        edit: false,
      });
      validateMessageBody(data);
      const original = record.original
        ? ctx.store.message(record.original.channelId, record.original.messageId)
        : undefined;
      const at = ctx.clock.now();
      if (record.response?.type === 5 && original && isLoading(original) && record.followups.length === 0) {
        editMessage(ctx, original, data);
        commitUploads(ctx, uploads, original);
        record.followups.push({ messageId: original.message.id, body: req.body, at, editedOriginal: true });
        ctx.interactions.changed();
        return json(200, structuredClone(original.message));
      }
      const message = createMessage(ctx, messageOptions(record, data, 0, record.original?.messageId));
      commitUploads(ctx, uploads, message);
      record.followups.push({ messageId: message.message.id, body: req.body, at });
      record.produced.push({ channelId: message.message.channel_id, messageId: message.message.id });
      ctx.interactions.changed();
      return json(200, structuredClone(message.message));
    },
  });

  add('GET', '/webhooks/:appId/:token/messages/:messageId', {
    ...hook,
    handler: (req) =>
      json(
        200,
        structuredClone(webhookMessage(req.ctx, interactionForWebhook(req), req.params.messageId!).message),
      ),
  });

  add('PATCH', '/webhooks/:appId/:token/messages/:messageId', {
    ...hook,
    handler: (req) => {
      const { ctx } = req;
      const record = interactionForWebhook(req);
      const target = webhookMessage(ctx, record, req.params.messageId!);
      const { data, uploads } = prepareAttachments(ctx, bodyRecord(req.body), req.files, {
        channelId: target.message.channel_id,
        existing: target.message.attachments,
        edit: true,
      });
      validateMessageBody(data, { partial: true });
      editMessage(ctx, target, data);
      commitUploads(ctx, uploads, target);
      record.edits.push({
        target: req.params.messageId!,
        messageId: target.message.id,
        body: req.body,
        at: ctx.clock.now(),
      });
      ctx.interactions.changed();
      return json(200, structuredClone(target.message));
    },
  });

  add('DELETE', '/webhooks/:appId/:token/messages/:messageId', {
    ...hook,
    handler: (req) => {
      const { ctx } = req;
      const record = interactionForWebhook(req);
      const target = webhookMessage(ctx, record, req.params.messageId!);
      ctx.store.removeMessage(target.message.channel_id, target.message.id);
      record.edits.push({
        target: req.params.messageId!,
        messageId: target.message.id,
        body: null,
        at: ctx.clock.now(),
        deleted: true,
      });
      ctx.interactions.changed();
      return noContent();
    },
  });
}

/** The interaction behind `/webhooks/:appId/:token`: unknown app → 10015; unknown or expired token → 401 50027. */
function interactionForWebhook({ ctx, params }: RestRequest): InteractionRecord {
  if (params.appId !== ctx.store.applicationId) throw errors.unknownWebhook();
  const record = ctx.interactions.byToken(params.token!);
  if (!record) throw errors.invalidWebhookToken();
  if (ctx.clock.now() - record.createdAt > ctx.tokenLifetimeMs) throw errors.invalidWebhookToken();
  return record;
}

/** `@original` or a message this interaction produced; else 10008. */
function webhookMessage(ctx: EmulatorContext, record: InteractionRecord, messageId: string): MessageRecord {
  const ref =
    messageId === '@original'
      ? record.original
      : (record.produced.find((p) => p.messageId === messageId) ??
        (record.original?.messageId === messageId ? record.original : null));
  const message = ref ? ctx.store.message(ref.channelId, ref.messageId) : undefined;
  if (!message) throw errors.unknownMessage();
  return message;
}

function isLoading(record: MessageRecord): boolean {
  return (Number(record.message.flags ?? 0) & MessageFlags.Loading) !== 0;
}
