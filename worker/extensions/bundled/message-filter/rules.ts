/**
 * Why a pattern is refused, or null. Patterns run on every message inside the Worker, so they are kept
 * small and free of nested quantifiers (the shape behind catastrophic backtracking).
 */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > 100) return 'a pattern can be at most 100 characters';
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(pattern))
    return 'nested repetition such as (a+)+ is not allowed (it can stall the bot)';
  if (/\\[1-9]/.test(pattern)) return 'back-references are not allowed';
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    return `not a valid pattern: ${(error as Error).message}`;
  }
  return null;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word or phrase, matched case-insensitively as a whole word (so "ass" does not match "class"). */
export function wordRegex(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(word.trim())}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The first rule a message breaks: which word or pattern, or null. */
export function firstMatch(
  content: string,
  rules: { words: readonly string[]; patterns: readonly string[] },
): { kind: 'word' | 'pattern'; rule: string } | null {
  if (!content) return null;
  for (const word of rules.words) if (wordRegex(word).test(content)) return { kind: 'word', rule: word };
  for (const pattern of rules.patterns) {
    if (patternProblem(pattern)) continue;
    if (new RegExp(pattern, 'iu').test(content)) return { kind: 'pattern', rule: pattern };
  }
  return null;
}
