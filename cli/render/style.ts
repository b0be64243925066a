/**
 * ANSI styling. Every helper is a no-op when colour is off, so rendered text stays plain and testable.
 */

export interface Painter {
  readonly colour: boolean;
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  strike(text: string): string;
  /** 24-bit foreground colour from a Discord colour integer (0xRRGGBB). */
  rgb(colour: number, text: string): string;
}

const wrap = (open: string, close: string) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

export function makePainter(colour: boolean): Painter {
  if (!colour) {
    return {
      colour,
      bold: plain,
      dim: plain,
      italic: plain,
      underline: plain,
      strike: plain,
      rgb: (_c, text) => text,
    };
  }
  return {
    colour,
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
    italic: wrap('3', '23'),
    underline: wrap('4', '24'),
    strike: wrap('9', '29'),
    rgb: (c, text) => `\x1b[38;2;${(c >> 16) & 0xff};${(c >> 8) & 0xff};${c & 0xff}m${text}\x1b[39m`,
  };
}

/**
 * Colour is used when the stream is a terminal and NO_COLOR (https://no-color.org) is unset or empty.
 * FORCE_COLOR (non-empty, not "0") turns it on regardless of the stream.
 */
export function colourWanted(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return isTTY === true;
}
