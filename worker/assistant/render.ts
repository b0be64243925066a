import type { APIEmbed } from 'discord-api-types/v10';
import { colours } from '../framework/embeds';
import type { ReplyMessage } from '../framework/reply';
import { ACTIONS, type AskAction } from './actions';
import type { AssistantAnswer } from './answer';
import { ASSISTANT_MODEL } from './generate';

/** Discord's limits for one message: 10 embeds, 4,096 characters per description, 6,000 in all. */
const DESCRIPTION_MAX = 4000;
const MESSAGE_MAX = 5800;
const EMBEDS_MAX = 10;

/** Cuts text into pieces of at most `max`, at paragraph, then line, then word boundaries. */
export function splitText(text: string, max = DESCRIPTION_MAX): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

const embedSize = (e: APIEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Packs embeds into messages within Discord's per-message limits. */
export function packEmbeds(embeds: APIEmbed[], ephemeral: boolean): ReplyMessage[] {
  const messages: ReplyMessage[] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const n = embedSize(embed);
    if (current.length && (current.length >= EMBEDS_MAX || size + n > MESSAGE_MAX)) {
      messages.push({ embeds: current, ephemeral });
      current = [];
      size = 0;
    }
    current.push(embed);
    size += n;
  }
  if (current.length) messages.push({ embeds: current, ephemeral });
  return messages;
}

/** The answer as one or more messages: the text (split), its sources, and how it was made. */
export function renderAnswer(answer: AssistantAnswer, ephemeral = true): ReplyMessage[] {
  const label = ACTIONS[answer.action as AskAction]?.label ?? answer.action;
  const pieces = splitText(answer.text);
  const embeds: APIEmbed[] = pieces.map((piece, i) => ({
    ...(i === 0 ? { title: `🤖 ${label}: ${answer.question}`.slice(0, 256) } : {}),
    color: answer.generated ? colours.info : colours.warning,
    description: piece,
  }));
  const sources = answer.citations
    .map((c, i) => `[${i + 1}] ${c.title} — \`${c.source}\``)
    .join('\n')
    .slice(0, 1024);
  const footer = answer.generated
    ? `Written by Workers AI (${ASSISTANT_MODEL}) from the passages above${answer.cached ? ' · cached' : ''}`
    : `${answer.fallbackReason ? `${answer.fallbackReason[0]?.toUpperCase()}${answer.fallbackReason.slice(1)}: ` : ''}showing the best passages${answer.cached ? ' · cached' : ''}`;
  const last = embeds.at(-1) as APIEmbed;
  if (sources) last.fields = [{ name: '📚 Sources', value: sources }];
  last.footer = { text: footer.slice(0, 2048) };
  return packEmbeds(embeds, ephemeral);
}
