/** Splits markdown into passages for the search index: one per section, long sections cut at paragraphs. */

export interface Passage {
  /** Where the passage comes from: a document path, or a kind and name such as `command:/backupcreate`. */
  source: string;
  title: string;
  body: string;
}

/** Passages stay under this many characters (a model's context and an embed field both stay small). */
export const MAX_PASSAGE_CHARS = 1400;

function cutParagraphs(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n{2,}/)) {
    const next = current ? `${current}\n\n${paragraph}` : paragraph;
    if (next.length <= max) {
      current = next;
      continue;
    }
    if (current) pieces.push(current);
    if (paragraph.length <= max) {
      current = paragraph;
      continue;
    }
    for (let i = 0; i < paragraph.length; i += max) pieces.push(paragraph.slice(i, i + max));
    current = '';
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Sections by heading (#–####); each passage's title is its heading path ("README.md › Backups ›
 * Restore"). Text before the first heading belongs to the document's title.
 */
export function markdownPassages(path: string, markdown: string): Passage[] {
  const passages: Passage[] = [];
  const headings: string[] = [];
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    const body = lines.join('\n').trim();
    lines = [];
    if (!body) return;
    const title = [path, ...headings.filter(Boolean)].join(' › ');
    for (const piece of cutParagraphs(body, MAX_PASSAGE_CHARS))
      passages.push({ source: path, title, body: piece });
  };
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,4})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) {
      lines.push(line);
      continue;
    }
    flush();
    const level = (heading[1] as string).length;
    headings.length = level - 1;
    headings[level - 1] = (heading[2] as string).replace(/`/g, '');
  }
  flush();
  return passages;
}
