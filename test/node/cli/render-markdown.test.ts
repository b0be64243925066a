import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../cli/render/markdown';
import { renderOptions } from '../../../cli/render/options';
import { colourWanted } from '../../../cli/render/style';
import { formatTimestamp, relativeTime } from '../../../cli/render/timestamp';
import { IDS, lookup } from './fixtures';

const now = new Date('2025-01-15T12:00:00Z');
const plainOpts = renderOptions({ colour: false, now, timeZone: 'UTC', lookup });
const colourOpts = renderOptions({ colour: true, now, timeZone: 'UTC', lookup });

describe('markdown', () => {
  it('renders bold with ANSI when colour is on and drops the markers when off', () => {
    expect(renderMarkdown('say **hi** now', colourOpts)).toBe('say \x1b[1mhi\x1b[22m now');
    expect(renderMarkdown('say **hi** now', plainOpts)).toBe('say hi now');
  });

  it('renders italics, underline and strikethrough without eating snake_case', () => {
    expect(renderMarkdown('*a* _b_ __c__ ~~d~~ snake_case_name', plainOpts)).toBe('a b c d snake_case_name');
    expect(renderMarkdown('*a*', colourOpts)).toBe('\x1b[3ma\x1b[23m');
  });

  it('keeps inline code and code blocks verbatim', () => {
    expect(renderMarkdown('run `**x**` here', plainOpts)).toBe('run `**x**` here');
    const block = renderMarkdown('Before\n```js\nconst a = **1**;\n```\nAfter', plainOpts);
    expect(block.split('\n')).toEqual(['Before', '  ┌ js', '  │ const a = **1**;', 'After']);
  });

  it('renders one-line code blocks', () => {
    expect(renderMarkdown('```ok```', plainOpts)).toBe('  │ ok');
  });

  it('resolves user, role and channel mentions through the lookup', () => {
    const text = `<@${IDS.ada}> <@!${IDS.max}> gave <@&${IDS.admin}> access to <#${IDS.general}>`;
    expect(renderMarkdown(text, plainOpts)).toBe('@Ada @Maxi gave @Admin access to #general');
  });

  it('shows unknown mentions by id', () => {
    expect(renderMarkdown('<@42424242424> <#42424242424>', plainOpts)).toBe('@42424242424 #42424242424');
  });

  it('renders slash-command mentions, custom emoji, headings, quotes and masked links', () => {
    expect(renderMarkdown('use </help:123456789>', plainOpts)).toBe('use /help');
    expect(renderMarkdown('<:blob:12345678> <a:spin:12345678>', plainOpts)).toBe(':blob: :spin:');
    expect(renderMarkdown('## Title\n> quoted\n-# small', plainOpts)).toBe('Title\n▌ quoted\nsmall');
    expect(renderMarkdown('[docs](https://example.com/x)', plainOpts)).toBe('docs (https://example.com/x)');
  });
});

describe('timestamps', () => {
  const seconds = Math.floor(Date.parse('2025-01-15T09:30:00Z') / 1000);

  it('renders relative timestamps against now', () => {
    expect(renderMarkdown(`<t:${seconds}:R>`, plainOpts)).toBe('2 hours ago');
    expect(relativeTime(new Date('2025-01-18T12:00:00Z'), now)).toBe('in 3 days');
    expect(relativeTime(new Date('2024-11-01T12:00:00Z'), now)).toBe('2 months ago');
    expect(relativeTime(now, now)).toBe('just now');
  });

  it('renders the absolute styles', () => {
    const date = new Date(seconds * 1000);
    const tz = { now, timeZone: 'UTC' };
    expect(formatTimestamp(date, 't', tz)).toBe('09:30');
    expect(formatTimestamp(date, 'T', tz)).toBe('09:30:00');
    expect(formatTimestamp(date, 'd', tz)).toBe('15/01/2025');
    expect(formatTimestamp(date, 'D', tz)).toBe('15 January 2025');
    expect(formatTimestamp(date, 'f', tz)).toBe('15 January 2025 09:30');
    expect(formatTimestamp(date, 'F', tz)).toBe('Wednesday, 15 January 2025 09:30');
    expect(renderMarkdown(`at <t:${seconds}>`, plainOpts)).toBe('at 15 January 2025 09:30');
  });
});

describe('colour decision', () => {
  it('uses colour only on a TTY without NO_COLOR', () => {
    expect(colourWanted(true, {})).toBe(true);
    expect(colourWanted(false, {})).toBe(false);
    expect(colourWanted(undefined, {})).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '' })).toBe(true);
    expect(colourWanted(false, { FORCE_COLOR: '1' })).toBe(true);
  });
});
