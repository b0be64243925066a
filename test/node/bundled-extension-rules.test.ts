import { describe, expect, it } from 'vitest';
import { firstMatch, patternProblem } from '../../worker/extensions/bundled/message-filter/rules';
import { emojiKey, parseEmoji, parseMessageRef } from '../../worker/extensions/bundled/reaction-roles/emoji';
import { renderTemplate, unknownPlaceholders } from '../../worker/extensions/bundled/welcome/template';

describe('message filter rules', () => {
  it('matches words and phrases as whole words, case-insensitively', () => {
    const rules = { words: ['ass', 'free nitro'], patterns: [] };
    expect(firstMatch('you are a class act', rules)).toBeNull();
    expect(firstMatch('ASS!', rules)).toEqual({ kind: 'word', rule: 'ass' });
    expect(firstMatch('get FREE Nitro here', rules)).toEqual({ kind: 'word', rule: 'free nitro' });
    expect(firstMatch('freenitro', rules)).toBeNull();
  });

  it('matches patterns, and refuses patterns that could stall the worker', () => {
    expect(firstMatch('visit discord.gg/abc', { words: [], patterns: ['discord\\.gg/\\w+'] })).toEqual({
      kind: 'pattern',
      rule: 'discord\\.gg/\\w+',
    });
    expect(patternProblem('(a+)+$')).toMatch(/nested repetition/);
    expect(patternProblem('(\\w*)*')).toMatch(/nested repetition/);
    expect(patternProblem('(a)\\1')).toMatch(/back-references/);
    expect(patternProblem('[unclosed')).toMatch(/not a valid pattern/);
    expect(patternProblem('x'.repeat(101))).toMatch(/at most 100/);
    expect(patternProblem('invite\\.gg/(\\w+)')).toBeNull();
  });
});

describe('reaction role parsing', () => {
  it('reads unicode and custom emojis the way reaction events name them', () => {
    expect(parseEmoji('🎮')).toBe('🎮');
    expect(parseEmoji('<:party:1300000000000000999>')).toBe('party:1300000000000000999');
    expect(parseEmoji('<a:spin:1300000000000000998>')).toBe('spin:1300000000000000998');
    expect(parseEmoji('hello')).toBeNull();
    expect(parseEmoji('')).toBeNull();
    expect(emojiKey({ id: null, name: '🎮' })).toBe('🎮');
    expect(emojiKey({ id: '1300000000000000999', name: 'party' })).toBe('party:1300000000000000999');
  });

  it('reads message links and bare ids', () => {
    expect(
      parseMessageRef(
        'https://discord.com/channels/1300000000000000100/1300000000000000120/1300000000000000555',
      ),
    ).toEqual({ channelId: '1300000000000000120', messageId: '1300000000000000555' });
    expect(parseMessageRef('1300000000000000555')).toEqual({
      channelId: null,
      messageId: '1300000000000000555',
    });
    expect(parseMessageRef('not a link')).toBeNull();
  });
});

describe('greeting templates', () => {
  it('fills known placeholders and keeps unknown ones visible', () => {
    const text = renderTemplate('Hi {user} ({user.name}) to {server}, #{membercount}. {oops}', {
      userId: '1300000000000000201',
      userName: 'Ada',
      server: 'Demo',
      memberCount: 12,
    });
    expect(text).toBe('Hi <@1300000000000000201> (Ada) to Demo, #12. {oops}');
    expect(unknownPlaceholders('{user} {oops} {server} {oops}')).toEqual(['{oops}']);
  });
});
