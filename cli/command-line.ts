/**
 * Splits a typed slash command, `/name opt:value opt2:"quoted value" bare`, into its name and raw
 * arguments. Values are converted to option types later, against the command definition.
 */
import { fail, ok, type Result } from './result';

export interface RawArg {
  /** Option name for `name:value`; undefined for a bare word (a subcommand or a positional value). */
  name?: string;
  value: string;
}

export interface SlashInput {
  name: string;
  args: RawArg[];
}

const NAME = /^[\p{L}\p{N}_-]+:/u;

/** Reads a quoted string starting at `start` (the quote); returns the value and the index after it. */
function readQuoted(text: string, start: number): Result<{ value: string; end: number }> {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && (text[i + 1] === quote || text[i + 1] === '\\')) {
      value += text[i + 1];
      i++;
    } else if (ch === quote) {
      return ok({ value, end: i + 1 });
    } else {
      value += ch;
    }
  }
  return fail(`unterminated ${quote} quote`);
}

function readValue(text: string, start: number): Result<{ value: string; end: number }> {
  const ch = text[start];
  if (ch === '"' || ch === "'" || ch === '“') {
    if (ch === '“') {
      const close = text.indexOf('”', start + 1);
      if (close < 0) return fail('unterminated “ quote');
      return ok({ value: text.slice(start + 1, close), end: close + 1 });
    }
    return readQuoted(text, start);
  }
  let end = start;
  while (end < text.length && !/\s/.test(text[end] ?? '')) end++;
  return ok({ value: text.slice(start, end), end });
}

/** Tokenises the arguments part of a slash command. */
export function tokenizeArgs(text: string): Result<RawArg[]> {
  const args: RawArg[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] ?? '')) {
      i++;
      continue;
    }
    const named = NAME.exec(text.slice(i));
    if (named) {
      const name = named[0].slice(0, -1);
      const read = readValue(text, i + named[0].length);
      if (!read.ok) return fail(`${name}: ${read.error}`);
      args.push({ name: name.toLowerCase(), value: read.value.value });
      i = read.value.end;
      continue;
    }
    const read = readValue(text, i);
    if (!read.ok) return read;
    args.push({ value: read.value.value });
    i = read.value.end;
  }
  return ok(args);
}

/** Parses `/name args…`; fails when the line is not a slash command. */
export function parseSlash(line: string): Result<SlashInput> {
  const match = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
  if (!match) return fail('type a command name after the slash, e.g. /help');
  const args = tokenizeArgs(match[2] ?? '');
  if (!args.ok) return args;
  return ok({ name: (match[1] ?? '').toLowerCase(), args: args.value });
}
