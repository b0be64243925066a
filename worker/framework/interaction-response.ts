import type { REST } from '@discordjs/rest';
import {
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
  Routes,
} from 'discord-api-types/v10';
import type { Services } from './context';
import { fitEmbeds } from './embed-limits';
import type { Reply, ReplyMessage } from './reply';

/** Message JSON for Discord. Mentions in bot replies never ping anyone. */
export function messageBody(message: ReplyMessage): APIInteractionResponseCallbackData {
  const body: APIInteractionResponseCallbackData = { allowed_mentions: { parse: [] } };
  if (message.content !== undefined) body.content = message.content;
  if (message.embeds !== undefined) body.embeds = fitEmbeds(message.embeds);
  if (message.components !== undefined) body.components = message.components;
  if (message.ephemeral) body.flags = MessageFlags.Ephemeral;
  return body;
}

/**
 * The HTTP body that answers an interaction. A deferred reply answers at once (type 5, or 6 for
 * components) and finishes in `waitUntil` by editing the original response through the REST client.
 */
export function interactionResponse(
  result: Reply,
  services: Services,
  interaction: { application_id: string; token: string },
): APIInteractionResponse {
  switch (result.kind) {
    case 'message':
      return { type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(result.message) };
    case 'update': {
      const { flags: _ignored, ...data } = messageBody(result.message);
      return { type: InteractionResponseType.UpdateMessage, data };
    }
    case 'autocomplete':
      return {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: result.choices },
      };
    case 'modal':
      return { type: InteractionResponseType.Modal, data: result.modal };
    case 'defer': {
      services.waitUntil(
        (async () => {
          const message = await result.work();
          await editOriginal(services.rest(), interaction.application_id, interaction.token, message);
        })().catch((error) => console.error('Edgeward: deferred reply could not be delivered:', error)),
      );
      return result.update
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : {
            type: InteractionResponseType.DeferredChannelMessageWithSource,
            data: result.ephemeral ? { flags: MessageFlags.Ephemeral } : {},
          };
    }
  }
}

/** Replaces an interaction's original response (a deferred reply's result), files included. */
export async function editOriginal(rest: REST, applicationId: string, token: string, message: ReplyMessage) {
  const { flags: _ephemeralIsFixedAtResponse, ...body } = messageBody(message);
  await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
    body: message.files?.length
      ? { ...body, attachments: message.files.map((f, id) => ({ id, filename: f.name })) }
      : body,
    auth: false,
    ...(message.files?.length ? { files: message.files } : {}),
  });
}
