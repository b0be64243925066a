/** Width-aware text helpers that ignore ANSI escape sequences. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function charWidth(cp: number): number {
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x300 && cp <= 0x36f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Columns the text occupies in a terminal. */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

export function padEnd(text: string, width: number): string {
  const missing = width - visibleWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

/** Cuts plain (ANSI-free) text to at most `width` columns, ending with an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/**
 * Word-wraps one line of (possibly styled) text to `width` columns. Words longer than the width are
 * left whole rather than split through an escape sequence.
 */
function wrapLine(line: string, width: number): string[] {
  if (width <= 0 || visibleWidth(line) <= width) return [line];
  const lines: string[] = [];
  let current: string | undefined;
  let currentWidth = 0;
  for (const word of line.split(' ')) {
    const w = visibleWidth(word);
    if (current === undefined) {
      current = word;
      currentWidth = w;
    } else if (currentWidth + 1 + w > width) {
      lines.push(current);
      current = word;
      currentWidth = w;
    } else {
      current += ` ${word}`;
      currentWidth += 1 + w;
    }
  }
  lines.push(current ?? '');
  return lines;
}

/** Wraps multi-line text; every `\n` starts a new line. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, width));
}

/** Prefixes every line of `lines` with `prefix`. */
export function indent(lines: string[], prefix: string): string[] {
  return lines.map((line) => (line === '' ? prefix.trimEnd() : prefix + line));
}
