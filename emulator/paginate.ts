import { compareIds } from './state';

/**
 * Id-ordered pages over stored lists (members, bans). Lists are usually stored in ascending id order already
 * (the generator writes them so); checking that is one pass, and only an unordered list is copied and sorted.
 */
export function sortedById<T>(items: T[], id: (item: T) => string): T[] {
  for (let i = 1; i < items.length; i++) {
    if (compareIds(id(items[i - 1]!), id(items[i]!)) > 0) {
      return [...items].sort((a, b) => compareIds(id(a), id(b)));
    }
  }
  return items;
}

/** Index of the first item whose id is greater than `bound` (or `>=` with `inclusive`). */
function firstAbove<T>(sorted: T[], id: (item: T) => string, bound: string, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = compareIds(id(sorted[mid]!), bound);
    if (cmp > 0 || (inclusive && cmp === 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first `limit` items with id > `after` (all from the start when `after` is undefined), ascending. */
export function pageAfter<T>(
  sorted: T[],
  id: (item: T) => string,
  after: string | undefined,
  limit: number,
): T[] {
  const start = after === undefined ? 0 : firstAbove(sorted, id, after, false);
  return sorted.slice(start, start + limit);
}

/** The last `limit` items with id < `before` (the ones closest to it), still ascending. */
export function pageBefore<T>(sorted: T[], id: (item: T) => string, before: string, limit: number): T[] {
  const end = firstAbove(sorted, id, before, true);
  return sorted.slice(Math.max(0, end - limit), end);
}
