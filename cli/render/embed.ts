/**
 * An embed as terminal lines behind a left bar in the embed's colour: author, title, description,
 * fields (inline ones side by side when the columns fit), images, footer and timestamp.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { renderMarkdown } from './markdown';
import type { RenderOptions } from './options';
import { indent, padEnd, wrapText } from './text';
import { formatTimestamp } from './timestamp';

/** Bar colour for embeds without one (Discord's neutral grey). */
export const DEFAULT_EMBED_COLOUR = 0x80848e;
/** Narrowest column an inline field may be squeezed into before fields stack instead. */
export const MIN_FIELD_COLUMN = 16;
const GAP = '  ';

function fieldLines(field: APIEmbedField, width: number, options: RenderOptions): string[] {
  const name = wrapText(renderMarkdown(field.name, options), width).map((line) => options.paint.bold(line));
  return [...name, ...wrapText(renderMarkdown(field.value, options), width)];
}

/** Splits fields into rows: a non-inline field is a row alone; up to 3 consecutive inline fields share one. */
export function fieldRows(fields: readonly APIEmbedField[]): APIEmbedField[][] {
  const rows: APIEmbedField[][] = [];
  let current: APIEmbedField[] = [];
  for (const field of fields) {
    if (!field.inline) {
      if (current.length > 0) rows.push(current);
      rows.push([field]);
      current = [];
      continue;
    }
    current.push(field);
    if (current.length === 3) {
      rows.push(current);
      current = [];
    }
  }
  if (current.length > 0) rows.push(current);
  return rows;
}

/** Lays out one row of fields side by side, wrapping to fewer columns when they would be too narrow. */
function renderFieldRow(row: APIEmbedField[], width: number, options: RenderOptions): string[] {
  const fit = Math.max(1, Math.floor((width + GAP.length) / (MIN_FIELD_COLUMN + GAP.length)));
  const perLine = Math.min(row.length, fit);
  if (perLine === 1) {
    return row.flatMap((field, i) => [...(i > 0 ? [''] : []), ...fieldLines(field, width, options)]);
  }
  const out: string[] = [];
  for (let start = 0; start < row.length; start += perLine) {
    const chunk = row.slice(start, start + perLine);
    const columnWidth = Math.floor((width - GAP.length * (perLine - 1)) / perLine);
    const columns = chunk.map((field) => fieldLines(field, columnWidth, options));
    const height = Math.max(...columns.map((column) => column.length));
    if (start > 0) out.push('');
    for (let line = 0; line < height; line++) {
      const cells = columns.map((column, i) => {
        const cell = column[line] ?? '';
        return i === columns.length - 1 ? cell : padEnd(cell, columnWidth);
      });
      out.push(cells.join(GAP).trimEnd());
    }
  }
  return out;
}

export function renderEmbed(embed: APIEmbed, options: RenderOptions): string[] {
  const { paint } = options;
  const width = options.width - 2;
  const sections: string[][] = [];
  const head: string[] = [];
  if (embed.author?.name) {
    head.push(paint.bold(embed.author.name) + (embed.author.url ? paint.dim(` (${embed.author.url})`) : ''));
  }
  if (embed.title) {
    const title = renderMarkdown(embed.title, options);
    head.push(...wrapText(embed.url ? paint.bold(paint.underline(title)) : paint.bold(title), width));
    if (embed.url) head.push(paint.dim(embed.url));
  }
  if (embed.description) head.push(...wrapText(renderMarkdown(embed.description, options), width));
  if (head.length > 0) sections.push(head);
  for (const row of fieldRows(embed.fields ?? [])) sections.push(renderFieldRow(row, width, options));
  const media: string[] = [];
  if (embed.thumbnail?.url) media.push(paint.dim(`🖼 thumbnail: ${embed.thumbnail.url}`));
  if (embed.image?.url) media.push(paint.dim(`🖼 image: ${embed.image.url}`));
  if (embed.video?.url) media.push(paint.dim(`▶ video: ${embed.video.url}`));
  if (media.length > 0) sections.push(media);
  const footerParts: string[] = [];
  if (embed.footer?.text) footerParts.push(embed.footer.text);
  if (embed.timestamp) {
    const date = new Date(embed.timestamp);
    footerParts.push(Number.isNaN(date.getTime()) ? embed.timestamp : formatTimestamp(date, 'f', options));
  }
  if (footerParts.length > 0) sections.push(wrapText(paint.dim(footerParts.join(' • ')), width));
  const body = sections.flatMap((section, i) => (i > 0 ? ['', ...section] : section));
  if (body.length === 0) body.push(paint.dim('(empty embed)'));
  const bar = paint.rgb(embed.color ?? DEFAULT_EMBED_COLOUR, '┃');
  return indent(body, `${bar} `);
}
