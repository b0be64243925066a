/** XP needed to go from `level` to `level + 1`: 5l² + 50l + 100 (100 for the first level, then growing). */
export const xpToNext = (level: number) => 5 * level * level + 50 * level + 100;

/** The level a total XP reaches, and how far into the next one it is. */
export function progress(totalXp: number): { level: number; into: number; needed: number } {
  let level = 0;
  let left = totalXp;
  while (left >= xpToNext(level)) {
    left -= xpToNext(level);
    level++;
  }
  return { level, into: left, needed: xpToNext(level) };
}

/**
 * The XP a message earns, between min and max. Derived from the message id rather than random, so a
 * redelivered event awards the same amount and tests can predict it.
 */
export function xpForMessage(messageId: string, min: number, max: number): number {
  let h = 0;
  for (const ch of messageId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return min + (h % (max - min + 1));
}

/** A 10-cell progress bar. */
export function bar(into: number, needed: number, cells = 10): string {
  const filled = Math.max(0, Math.min(cells, Math.floor((into / needed) * cells)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(cells - filled)}`;
}
