import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { colours } from '../../../framework/embeds';
import type { Greeting, GreetingKind } from './settings';
import { renderTemplate, type TemplateValues } from './template';

/** The channel message for a greeting: an embed or text, mentioning at most the member. */
export function greetingMessage(
  kind: GreetingKind,
  greeting: Greeting,
  values: TemplateValues & { avatarUrl?: string },
): RESTPostAPIChannelMessageJSONBody {
  const text = renderTemplate(greeting.message, values);
  const allowed_mentions = { parse: [], users: kind === 'welcome' ? [values.userId] : [] };
  if (greeting.style === 'text') return { content: text, allowed_mentions };
  return {
    // The mention in an embed does not ping; a welcome pings the member in the content as well.
    ...(kind === 'welcome' ? { content: `<@${values.userId}>` } : {}),
    embeds: [
      {
        title: kind === 'welcome' ? '👋 Welcome!' : '👋 Goodbye',
        description: text,
        color: kind === 'welcome' ? colours.success : colours.info,
        ...(values.avatarUrl ? { thumbnail: { url: values.avatarUrl } } : {}),
      },
    ],
    allowed_mentions,
  };
}
