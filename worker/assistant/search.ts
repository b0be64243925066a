import type { Passage } from './chunk';

/** Words that carry no meaning for the search (they would only add noise to the OR query). */
const STOPWORDS = new Set(
  `a an and are as at be by can do does for from how i in is it its me my of on or should so that the their then there
  this to was what when where which who why will with you your about into show tell explain please use using get work works`
    .split(/\s+/)
    .filter(Boolean),
);

export interface Hit extends Passage {
  /** bm25 rank: lower is better. */
  rank: number;
}

/** The words of a question, for FTS5: each quoted (no operator injection), joined with OR; null if none. */
export function ftsQuery(text: string): string | null {
  const words = [
    ...new Set(
      (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter((w) => w.length > 1 && !STOPWORDS.has(w)),
    ),
  ].slice(0, 24);
  return words.length ? words.map((w) => `"${w.replace(/"/g, '')}"`).join(' OR ') : null;
}

/**
 * The best passages for `text` among `scopes` (bm25, titles weighted 4× the body). `sources` narrows to
 * sources starting with one of the prefixes.
 */
export async function searchPassages(
  d1: D1Database,
  text: string,
  scopes: readonly string[],
  options: { limit?: number; sources?: readonly string[] } = {},
): Promise<Hit[]> {
  const match = ftsQuery(text);
  if (!match || scopes.length === 0) return [];
  const sources = options.sources ?? [];
  const sourceFilter = sources.length ? ` AND (${sources.map(() => 'source LIKE ?').join(' OR ')})` : '';
  const { results } = await d1
    .prepare(
      `SELECT title, body, source, bm25(assistant_passages, 4.0, 1.0) AS rank FROM assistant_passages
       WHERE assistant_passages MATCH ? AND scope IN (${scopes.map(() => '?').join(', ')})${sourceFilter}
       ORDER BY rank LIMIT ?`,
    )
    .bind(match, ...scopes, ...sources.map((s) => `${s.replace(/[%_]/g, '')}%`), options.limit ?? 5)
    .all<Hit>();
  return results;
}

/** Passages of `sources` (prefixes) in `scopes`, unranked: for actions that show state whatever was asked. */
export async function passagesFrom(
  d1: D1Database,
  scopes: readonly string[],
  sources: readonly string[],
  limit = 5,
): Promise<Hit[]> {
  if (scopes.length === 0 || sources.length === 0) return [];
  const { results } = await d1
    .prepare(
      `SELECT title, body, source, 0 AS rank FROM assistant_passages
       WHERE scope IN (${scopes.map(() => '?').join(', ')}) AND (${sources.map(() => 'source LIKE ?').join(' OR ')})
       LIMIT ?`,
    )
    .bind(...scopes, ...sources.map((s) => `${s.replace(/[%_]/g, '')}%`), limit)
    .all<Hit>();
  return results;
}
