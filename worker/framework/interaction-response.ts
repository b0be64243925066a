import { DiscordAPIError, type REST } from '@discordjs/rest';
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
          await editOriginalOnceCreated(
            services.rest(),
            interaction.application_id,
            interaction.token,
            message,
          );
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

/** Waits between tries while Discord has not yet created the original response (10008): 0.25 s, 0.5 s, 1 s, 2 s. */
const ORIGINAL_NOT_YET_MS = [250, 500, 1000, 2000];

/**
 * The deferred result's edit. Work that finishes very fast can reach Discord before Discord has processed
 * the deferred response that creates the message (Unknown Message, 10008); the edit then waits briefly and
 * tries again instead of losing the reply.
 */
export async function editOriginalOnceCreated(
  rest: REST,
  applicationId: string,
  token: string,
  message: ReplyMessage,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await editOriginal(rest, applicationId, token, message);
    } catch (error) {
      const wait = ORIGINAL_NOT_YET_MS[attempt];
      if (!(error instanceof DiscordAPIError && error.code === 10008) || wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
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
