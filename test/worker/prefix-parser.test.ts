import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../worker/framework/command';
import { option } from '../../worker/framework/options';
import type { ArgumentResolver } from '../../worker/framework/prefix/convert-args';
import { valuesFromPrefix } from '../../worker/framework/prefix/convert-args';
import { isBareMention, matchPrefix } from '../../worker/framework/prefix/match-prefix';
import { tokenize } from '../../worker/framework/prefix/tokenize';
import { reply } from '../../worker/framework/reply';

const BOT = '1300000000000000001';

describe('matchPrefix', () => {
  const opts = { prefix: '!', mentionEnabled: true, botId: BOT };
  it('finds the command after the prefix, tolerating spaces', () => {
    expect(matchPrefix('!help', opts)).toEqual({ name: 'help', rest: '', via: 'prefix' });
    expect(matchPrefix('!  setprefix  ?', opts)).toEqual({ name: 'setprefix', rest: '?', via: 'prefix' });
  });
  it('accepts both mention forms when mentions are enabled', () => {
    expect(matchPrefix(`<@${BOT}> stats`, opts)?.name).toBe('stats');
    expect(matchPrefix(`<@!${BOT}>stats now`, opts)).toEqual({ name: 'stats', rest: 'now', via: 'mention' });
  });
  it('ignores mentions when they are disabled, and other users’ mentions', () => {
    expect(matchPrefix(`<@${BOT}> stats`, { ...opts, mentionEnabled: false })).toBeNull();
    expect(matchPrefix('<@1300000000000001003> stats', opts)).toBeNull();
  });
  it('handles multi-character prefixes and no command after the prefix', () => {
    expect(matchPrefix('$$ping', { ...opts, prefix: '$$' })?.name).toBe('ping');
    expect(matchPrefix('!', opts)).toBeNull();
    expect(matchPrefix('hello !help', opts)).toBeNull();
  });
  it('recognises a bare mention', () => {
    expect(isBareMention(` <@${BOT}> `, BOT)).toBe(true);
    expect(isBareMention(`<@${BOT}> help`, BOT)).toBe(false);
  });
});

describe('tokenize', () => {
  it('keeps quoted strings together and unescapes', () => {
    const r = tokenize('one "two three" “four five” \'six\' se\\ ven');
    expect(r.ok && r.tokens.map((t) => t.value)).toEqual(['one', 'two three', 'four five', 'six', 'se ven']);
  });
  it('reports an unclosed quote', () => {
    const r = tokenize('say "hello');
    expect(r.ok).toBe(false);
  });
});

const resolver: ArgumentResolver = {
  async user(id) {
    return id === '1300000000000001003' || id === 'max' ? { id: '1300000000000001003' } : null;
  },
  async role(idOrName) {
    return idOrName === '1300000000000000112' || idOrName.toLowerCase() === 'member'
      ? { id: '1300000000000000112', role: { id: '1300000000000000112', name: 'Member' } }
      : null;
  },
  async channel(idOrName) {
    return idOrName === '1300000000000000121' || idOrName === 'general'
      ? { id: '1300000000000000121' }
      : null;
  },
};

const sample = defineCommand({
  name: 'sample',
  description: 'test',
  category: 'Test',
  options: {
    who: option.user('a user', { required: true }),
    count: option.integer('a number', { required: true }),
    flag: option.boolean('yes or no'),
    role: option.role('a role'),
    where: option.channel('a channel'),
  },
  run: () => reply.message({ content: 'ok' }),
});

const note = defineCommand({
  name: 'note',
  description: 'test',
  category: 'Test',
  options: { id: option.string('id', { required: true }), text: option.string('text', { rest: true }) },
  run: () => reply.message({ content: 'ok' }),
});

describe('valuesFromPrefix', () => {
  it('converts mentions, ids, names, numbers and booleans in option order', async () => {
    const r = await valuesFromPrefix(
      sample,
      '<@!1300000000000001003> 42 yes @Member <#1300000000000000121>',
      resolver,
    );
    expect(r).toEqual({
      ok: true,
      values: {
        who: { id: '1300000000000001003' },
        count: 42,
        flag: true,
        role: { id: '1300000000000000112', role: { id: '1300000000000000112', name: 'Member' } },
        where: { id: '1300000000000000121' },
      },
    });
  });
  it('explains each bad argument', async () => {
    const r = await valuesFromPrefix(sample, 'nobody 4.5 maybe', resolver);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual([
        '`who`: no member matches `nobody`',
        '`count` must be a whole number',
        '`flag` must be yes or no',
      ]);
    }
  });
  it('refuses extra arguments', async () => {
    const r = await valuesFromPrefix(sample, 'max 1 no member general extra', resolver);
    expect(r.ok).toBe(false);
  });
  it('gives the rest of the line to a rest option, keeping its spacing', async () => {
    const r = await valuesFromPrefix(note, 'abc this is   a "quoted" note', resolver);
    expect(r).toEqual({ ok: true, values: { id: 'abc', text: 'this is   a "quoted" note' } });
    const single = await valuesFromPrefix(note, 'abc "only this"', resolver);
    expect(single).toEqual({ ok: true, values: { id: 'abc', text: 'only this' } });
  });
});
