/**
 * A whole message (a stored APIMessage or the data of an interaction response) as terminal text:
 * who used which command, author line, content, embeds, attachments, numbered components and the
 * ephemeral marker.
 */
import { type APIEmbed, type APIUser, MessageFlags } from 'discord-api-types/v10';
import type { AnyMessageComponent } from '../component-index';
import { renderComponents } from './components';
import { renderEmbed } from './embed';
import { renderMarkdown } from './markdown';
import type { RenderOptions } from './options';
import { wrapText } from './text';
import { formatTimestamp } from './timestamp';

/** The parts of a message the renderer reads; both APIMessage and interaction callback data fit. */
export interface MessageView {
  id?: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: AnyMessageComponent[];
  flags?: number;
  author?: Pick<APIUser, 'id' | 'username' | 'global_name' | 'bot'>;
  timestamp?: string;
  edited_timestamp?: string | null;
  attachments?: { filename?: string; url?: string; description?: string }[];
  interaction_metadata?: { user?: Pick<APIUser, 'id' | 'username' | 'global_name'>; name?: string };
  interaction?: { name?: string; user?: Pick<APIUser, 'username' | 'global_name'> };
}

export const EPHEMERAL_MARKER = '👁 only you can see this';

export function isEphemeral(message: { flags?: number }): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

export interface MessageExtras {
  /** Shown after the header, e.g. "(updated)". */
  note?: string;
  /** Name of the command used, when known from the interaction. */
  commandName?: string;
}

function headerLine(message: MessageView, options: RenderOptions, extras: MessageExtras): string {
  const { paint } = options;
  const name = message.author?.global_name ?? message.author?.username ?? options.botName;
  const isBot = message.author ? message.author.bot === true : true;
  let header = paint.bold(name);
  if (isBot) header += ` ${paint.dim('[BOT]')}`;
  if (message.timestamp) {
    const date = new Date(message.timestamp);
    if (!Number.isNaN(date.getTime())) header += paint.dim(` · ${formatTimestamp(date, 't', options)}`);
  }
  if (message.edited_timestamp) header += paint.dim(' (edited)');
  if (extras.note) header += paint.dim(` ${extras.note}`);
  return header;
}

function usedLine(message: MessageView, options: RenderOptions, extras: MessageExtras): string | undefined {
  const user = message.interaction_metadata?.user ?? message.interaction?.user;
  const command = extras.commandName ?? message.interaction_metadata?.name ?? message.interaction?.name;
  if (!user && !command) return undefined;
  const who = user ? (user.global_name ?? user.username) : 'someone';
  return options.paint.dim(command ? `↳ ${who} used /${command}` : `↳ ${who} used a command`);
}

export function renderMessage(
  message: MessageView,
  options: RenderOptions,
  extras: MessageExtras = {},
): string {
  const { paint } = options;
  const lines: string[] = [];
  const used = usedLine(message, options, extras);
  if (used) lines.push(used);
  lines.push(headerLine(message, options, extras));
  if (message.content) lines.push(...wrapText(renderMarkdown(message.content, options), options.width));
  for (const embed of message.embeds ?? []) lines.push(...renderEmbed(embed, options));
  for (const attachment of message.attachments ?? []) {
    lines.push(paint.dim(`📎 ${attachment.filename ?? attachment.url ?? 'attachment'}`));
  }
  lines.push(...renderComponents(message.components, options));
  const empty = !message.content && !message.embeds?.length && !message.components?.length;
  if (empty && !message.attachments?.length) lines.push(paint.dim('(empty message)'));
  if (isEphemeral(message)) lines.push(paint.dim(EPHEMERAL_MARKER));
  return lines.join('\n');
}

/** The placeholder Discord shows while a deferred reply is pending. */
export function renderThinking(options: RenderOptions, ephemeral: boolean): string {
  const { paint } = options;
  const lines = [headerLine({}, options, {}), paint.italic(paint.dim(`${options.botName} is thinking…`))];
  if (ephemeral) lines.push(paint.dim(EPHEMERAL_MARKER));
  return lines.join('\n');
}
