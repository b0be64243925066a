/**
 * A light rendering of Discord markdown for a terminal: emphasis, code, quotes, headings, masked links,
 * mentions, custom emoji and timestamps. Pure: names come from a lookup and "now" from the options.
 */
import type { Painter } from './style';
import { formatTimestampTag, type TimeOptions } from './timestamp';

/** Resolves ids to display names; returns undefined when unknown. */
export interface MentionLookup {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
  role(id: string): string | undefined;
}

export const emptyLookup: MentionLookup = {
  user: () => undefined,
  channel: () => undefined,
  role: () => undefined,
};

export interface MarkdownOptions extends TimeOptions {
  paint: Painter;
  lookup: MentionLookup;
}

/** Mentions, emoji, slash-command mentions and timestamps; no emphasis. */
export function renderTokens(text: string, options: MarkdownOptions): string {
  const { paint, lookup } = options;
  return text
    .replace(/<@!?(\d+)>/g, (_m, id: string) => paint.bold(`@${lookup.user(id) ?? id}`))
    .replace(/<@&(\d+)>/g, (_m, id: string) => paint.bold(`@${lookup.role(id) ?? id}`))
    .replace(/<#(\d+)>/g, (_m, id: string) => paint.bold(`#${lookup.channel(id) ?? id}`))
    .replace(/<\/([\w -]+):\d+>/g, (_m, name: string) => paint.bold(`/${name}`))
    .replace(/<a?(:\w+:)\d+>/g, (_m, name: string) => name)
    .replace(/<t:(-?\d+)(?::([a-zA-Z]))?>/g, (_m, seconds: string, style: string | undefined) =>
      paint.underline(formatTimestampTag(seconds, style, options)),
    );
}

/** Emphasis, spoilers, masked links, then tokens. For text outside code spans. */
function renderInline(text: string, options: MarkdownOptions): string {
  const { paint } = options;
  const styled = text
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) =>
      paint.colour ? `${paint.underline(label)} ${paint.dim(`(${url})`)}` : `${label} (${url})`,
    )
    .replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => paint.bold(inner))
    .replace(/__(.+?)__/g, (_m, inner: string) => paint.underline(inner))
    .replace(/~~(.+?)~~/g, (_m, inner: string) => paint.strike(inner))
    .replace(/\|\|(.+?)\|\|/g, (_m, inner: string) => paint.dim(`‖${inner}‖`))
    .replace(
      /(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])/g,
      (_m, pre: string, inner: string) => pre + paint.italic(inner),
    )
    .replace(
      /(^|[^\w])_(?!\s)([^_\n]+?)_(?!\w)/g,
      (_m, pre: string, inner: string) => pre + paint.italic(inner),
    );
  return renderTokens(styled, options);
}

/** Inline code spans are kept verbatim; everything else gets inline rendering. */
function renderSpans(line: string, options: MarkdownOptions): string {
  const parts = line.split(/(`[^`\n]+`)/g);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) {
        const code = part.slice(1, -1);
        return options.paint.colour ? options.paint.dim(code) : `\`${code}\``;
      }
      return renderInline(part, options);
    })
    .join('');
}

/** Block-level rules for one line of prose: headings, subtext, block quotes. */
function renderLine(line: string, options: MarkdownOptions): string {
  const { paint } = options;
  const heading = /^(#{1,3}) (.*)$/.exec(line);
  if (heading) return paint.bold(renderSpans(heading[2] ?? '', options));
  const subtext = /^-# (.*)$/.exec(line);
  if (subtext) return paint.dim(renderSpans(subtext[1] ?? '', options));
  const quote = /^>>?>? ?(.*)$/.exec(line);
  if (quote) return `${paint.dim('▌')} ${renderSpans(quote[1] ?? '', options)}`;
  return renderSpans(line, options);
}

/**
 * Renders Discord markdown to terminal text. Fenced code blocks become indented blocks with their
 * language as a label; their contents are not interpreted.
 */
export function renderMarkdown(text: string, options: MarkdownOptions): string {
  const { paint } = options;
  const out: string[] = [];
  const pieces = text.split(/```/);
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) {
      const prose = piece.replace(/^\n/, '').replace(/\n$/, '');
      if (prose === '') return;
      const lines = prose.split('\n');
      out.push(...lines.map((line) => renderLine(line, options)));
      return;
    }
    const firstBreak = piece.indexOf('\n');
    const head = firstBreak === -1 ? '' : piece.slice(0, firstBreak).trim();
    const hasLanguage = /^[\w+#.-]+$/.test(head);
    const body = (hasLanguage || head === '' ? piece.slice(firstBreak + 1) : piece).replace(/\n$/, '');
    if (hasLanguage) out.push(paint.dim(`  ┌ ${head}`));
    for (const codeLine of body.split('\n')) out.push(`  ${paint.dim('│')} ${codeLine}`);
  });
  return out.join('\n');
}
