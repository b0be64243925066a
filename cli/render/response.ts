/** What the worker answered to an interaction, as terminal text. */
import { type APIInteractionResponse, InteractionResponseType } from 'discord-api-types/v10';
import type { AnyMessageComponent } from '../component-index';
import { modalFields } from '../modal';
import { isEphemeral, type MessageExtras, type MessageView, renderMessage, renderThinking } from './message';
import type { RenderOptions } from './options';

export function renderInteractionResponse(
  response: APIInteractionResponse,
  options: RenderOptions,
  extras: MessageExtras = {},
): string {
  const { paint } = options;
  switch (response.type) {
    case InteractionResponseType.Pong:
      return paint.dim('(pong)');
    case InteractionResponseType.ChannelMessageWithSource:
      return renderMessage(response.data as MessageView, options, extras);
    case InteractionResponseType.DeferredChannelMessageWithSource:
      return renderThinking(options, isEphemeral(response.data ?? {}));
    case InteractionResponseType.DeferredMessageUpdate:
      return paint.dim(`(${options.botName} acknowledged; the message will be updated)`);
    case InteractionResponseType.UpdateMessage:
      return renderMessage((response.data ?? {}) as MessageView, options, { ...extras, note: '(updated)' });
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const choices = response.data.choices ?? [];
      return [paint.bold('Suggestions:'), ...choices.map((c, i) => `  ${i + 1}. ${c.name}`)].join('\n');
    }
    case InteractionResponseType.Modal: {
      const lines = [paint.bold(`▭ ${response.data.title}`)];
      modalFields(response.data.components).forEach((field, i) => {
        lines.push(`  ${i + 1}. ${field.label}${field.required ? ' *' : ''}`);
      });
      return lines.join('\n');
    }
    case InteractionResponseType.PremiumRequired:
      return paint.dim('(premium required)');
    case InteractionResponseType.LaunchActivity:
      return paint.dim('(launches an activity, which the terminal cannot show)');
    default:
      return paint.dim(`(unknown response type ${(response as { type: number }).type})`);
  }
}

/** The components of a response that carries a message, if any. */
export function responseComponents(response: APIInteractionResponse): AnyMessageComponent[] | undefined {
  if (
    response.type === InteractionResponseType.ChannelMessageWithSource ||
    response.type === InteractionResponseType.UpdateMessage
  ) {
    return response.data?.components as AnyMessageComponent[] | undefined;
  }
  return undefined;
}
