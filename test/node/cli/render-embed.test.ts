import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_COLOUR, fieldRows, renderEmbed } from '../../../cli/render/embed';
import { renderOptions } from '../../../cli/render/options';
import { IDS, lookup, plain } from './fixtures';

const now = new Date('2025-01-15T12:00:00Z');
const opts = (colour: boolean, width = 80) => renderOptions({ colour, width, now, timeZone: 'UTC', lookup });

const help: APIEmbed = {
  author: { name: 'Edgeward' },
  title: 'Commands',
  description: `Prefix is **!**; ask <@${IDS.ada}>`,
  color: 0x5865f2,
  fields: [
    { name: 'ping', value: 'Checks latency', inline: true },
    { name: 'help', value: 'This list', inline: true },
    { name: 'config', value: 'Settings', inline: true },
    { name: 'Notes', value: 'Not inline' },
  ],
  footer: { text: 'Edgeward v1' },
  timestamp: '2025-01-15T09:30:00.000Z',
};

describe('embeds', () => {
  it('renders author, title, description, fields and footer behind a bar', () => {
    const lines = renderEmbed(help, opts(false));
    expect(lines.map((l) => l.trimEnd())).toEqual([
      '┃ Edgeward',
      '┃ Commands',
      '┃ Prefix is !; ask @Ada',
      '┃',
      '┃ ping                      help                      config',
      '┃ Checks latency            This list                 Settings',
      '┃',
      '┃ Notes',
      '┃ Not inline',
      '┃',
      '┃ Edgeward v1 • 15 January 2025 09:30',
    ]);
  });

  it('colours the bar with the embed colour as 24-bit ANSI when colour is on', () => {
    const lines = renderEmbed(help, opts(true));
    for (const line of lines) expect(line.startsWith('\x1b[38;2;88;101;242m┃\x1b[39m')).toBe(true);
    expect(lines[1]).toContain('\x1b[1mCommands\x1b[22m');
  });

  it('uses a neutral bar for embeds without a colour, and no escapes when colour is off', () => {
    const grey = `\x1b[38;2;${DEFAULT_EMBED_COLOUR >> 16};${(DEFAULT_EMBED_COLOUR >> 8) & 0xff};${DEFAULT_EMBED_COLOUR & 0xff}m`;
    expect(renderEmbed({ title: 'x' }, opts(true))[0]).toContain(grey);
    expect(renderEmbed(help, opts(false)).join('\n')).not.toContain('\x1b[');
  });

  it('stacks inline fields when the terminal is too narrow for columns', () => {
    const lines = renderEmbed({ fields: help.fields?.slice(0, 2) }, opts(false, 30)).map((l) => l.trimEnd());
    expect(lines).toEqual(['┃ ping', '┃ Checks latency', '┃', '┃ help', '┃ This list']);
  });

  it('wraps long values inside their column', () => {
    const embed: APIEmbed = {
      fields: [
        { name: 'a', value: 'one two three four five six', inline: true },
        { name: 'b', value: 'x', inline: true },
      ],
    };
    const lines = renderEmbed(embed, opts(false, 40)).map((l) => l.trimEnd());
    // 38 columns inside the bar: two columns of 18 and a gap of 2.
    expect(lines[0]).toBe(`┃ ${'a'.padEnd(20)}b`);
    expect(lines[1]).toBe(`┃ ${'one two three four'.padEnd(20)}x`);
    expect(lines[2]).toBe('┃ five six');
  });

  it('groups at most three inline fields per row, a non-inline field alone', () => {
    const f = (name: string, inline = true) => ({ name, value: name, inline });
    const rows = fieldRows([f('a'), f('b'), f('c'), f('d'), f('e', false), f('g')]);
    expect(rows.map((row) => row.map((x) => x.name).join(''))).toEqual(['abc', 'd', 'e', 'g']);
  });

  it('shows image links and the title url', () => {
    const text = plain(
      renderEmbed(
        { title: 'T', url: 'https://e.x/t', image: { url: 'https://e.x/i.png' } },
        opts(false),
      ).join('\n'),
    );
    expect(text).toContain('https://e.x/t');
    expect(text).toContain('🖼 image: https://e.x/i.png');
  });
});
