import { describe, expect, it } from 'vitest';
import { parseSlash, tokenizeArgs } from '../../../cli/command-line';
import { buildOptions } from '../../../cli/command-options';
import { findCommand } from '../../../cli/lookup';
import { Session } from '../../../cli/session';
import { directory, IDS } from './fixtures';

const session = new Session(directory());
session.chooseDefaults();

function build(line: string) {
  const parsed = parseSlash(line);
  if (!parsed.ok) throw new Error(parsed.error);
  const command = findCommand(session.dir, parsed.value.name, session.guildId);
  return buildOptions(parsed.value.name, command, parsed.value.args, session.optionResolver());
}

const options = (line: string) => {
  const built = build(line);
  if (!built.ok) throw new Error(built.error);
  return built.value.options;
};
const error = (line: string) => {
  const built = build(line);
  return built.ok ? undefined : built.error;
};

describe('tokenizing', () => {
  it('splits name:value pairs, quoted values and bare words', () => {
    expect(parseSlash('/cmd a:b c:"d e" sub \'f g\' url:http://x:1')).toEqual({
      ok: true,
      value: {
        name: 'cmd',
        args: [
          { name: 'a', value: 'b' },
          { name: 'c', value: 'd e' },
          { value: 'sub' },
          { value: 'f g' },
          { name: 'url', value: 'http://x:1' },
        ],
      },
    });
  });

  it('handles escaped quotes, empty values and curly quotes', () => {
    expect(tokenizeArgs('a:"say \\"hi\\"" b: c:“x y”')).toEqual({
      ok: true,
      value: [
        { name: 'a', value: 'say "hi"' },
        { name: 'b', value: '' },
        { name: 'c', value: 'x y' },
      ],
    });
  });

  it('reports an unterminated quote', () => {
    expect(tokenizeArgs('a:"oops')).toEqual({ ok: false, error: 'a: unterminated " quote' });
  });
});

describe('typed options against the command definition', () => {
  it('sends a string option', () => {
    expect(options('/setprefix prefix:?')).toEqual([{ name: 'prefix', type: 3, value: '?' }]);
  });

  it('fills options positionally when no name is given', () => {
    expect(options('/setprefix !!')).toEqual([{ name: 'prefix', type: 3, value: '!!' }]);
  });

  it('converts integers, numbers, choices, users and mentionables', () => {
    expect(options(`/roll sides:20 bonus:1.5 mode:Fair for:@max target:<@&${IDS.admin}>`)).toEqual([
      { name: 'sides', type: 4, value: 20 },
      { name: 'bonus', type: 10, value: 1.5 },
      { name: 'mode', type: 3, value: 'fair' },
      { name: 'for', type: 6, value: IDS.max },
      { name: 'target', type: 9, value: IDS.admin },
    ]);
    expect(options(`/roll for:<@${IDS.ada}> target:Maxi`)).toEqual([
      { name: 'for', type: 6, value: IDS.ada },
      { name: 'target', type: 9, value: IDS.max },
    ]);
  });

  it('nests a subcommand and resolves roles and booleans', () => {
    expect(options('/config set command:help role:@Member enabled:false')).toEqual([
      {
        name: 'set',
        type: 1,
        options: [
          { name: 'command', type: 3, value: 'help' },
          { name: 'role', type: 8, value: IDS.member },
          { name: 'enabled', type: 5, value: false },
        ],
      },
    ]);
    expect(options('/config show')).toEqual([{ name: 'show', type: 1, options: [] }]);
  });

  it('nests a subcommand group and resolves channels by #name', () => {
    expect(options('/config channel allow channel:#general')).toEqual([
      {
        name: 'channel',
        type: 2,
        options: [{ name: 'allow', type: 1, options: [{ name: 'channel', type: 7, value: IDS.general }] }],
      },
    ]);
  });

  it('explains what is wrong', () => {
    expect(error('/setprefix')).toBe('missing required option: prefix:');
    expect(error('/setprefix prefix:toolong')).toBe('prefix takes at most 5 characters');
    expect(error('/setprefix colour:red')).toBe('/setprefix has no option "colour" (options: prefix)');
    expect(error('/roll sides:abc')).toBe('sides must be a whole number, not "abc"');
    expect(error('/roll sides:2.5')).toBe('sides must be a whole number, not "2.5"');
    expect(error('/roll sides:1')).toBe('sides must be at least 2');
    expect(error('/roll mode:slow')).toBe('mode must be one of: Fast, Fair');
    expect(error('/roll for:@nobody')).toBe('for: no user "@nobody"');
    expect(error('/config')).toBe('/config needs a subcommand: set, show, channel');
    expect(error('/config drop')).toBe('/config has no subcommand "drop"; try set, show, channel');
    expect(error('/config set role:@Admin')).toBe('missing required option: command:');
    expect(error('/config channel allow channel:#Lounge')).toBe(
      'channel: that kind of channel is not accepted here',
    );
    expect(error('/config set command:a enabled:maybe')).toBe('enabled must be true or false, not "maybe"');
  });

  it('falls back to strings, with a warning, for unregistered commands', () => {
    expect(build('/greet name:ada count:3')).toEqual({
      ok: true,
      value: {
        options: [
          { name: 'name', type: 3, value: 'ada' },
          { name: 'count', type: 3, value: '3' },
        ],
        warnings: ['/greet is not registered in the emulator; sending option values as strings'],
      },
    });
    expect(options('/tag add name:x')).toEqual([
      { name: 'add', type: 1, options: [{ name: 'name', type: 3, value: 'x' }] },
    ]);
    expect(options('/tag group add')).toEqual([
      { name: 'group', type: 2, options: [{ name: 'add', type: 1, options: [] }] },
    ]);
  });
});
