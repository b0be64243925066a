export interface Token {
  value: string;
  /** Offset of the token's first character in the input. */
  start: number;
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', "'": "'" };

/**
 * Splits arguments on whitespace; a quoted run ("a b", “a b”, 'a b') stays one token, and a backslash
 * escapes the next character. An unclosed quote is an error.
 */
export function tokenize(input: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i] as string)) i++;
    if (i >= input.length) break;
    const start = i;
    const open = input[i] as string;
    const close = QUOTES[open];
    let value = '';
    if (close) {
      i++;
      let closed = false;
      while (i < input.length) {
        const ch = input[i] as string;
        if (ch === '\\' && i + 1 < input.length) {
          value += input[i + 1];
          i += 2;
          continue;
        }
        if (ch === close) {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      if (!closed)
        return { ok: false, error: `Unclosed quote starting at \`${input.slice(start, start + 20)}\`` };
    } else {
      while (i < input.length && !/\s/.test(input[i] as string)) {
        const ch = input[i] as string;
        if (ch === '\\' && i + 1 < input.length) {
          value += input[i + 1];
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
    }
    tokens.push({ value, start });
  }
  return { ok: true, tokens };
}
