/** Real Discord snowflakes: (ms since the Discord epoch) << 22 | worker << 17 | process << 12 | increment. */
export const DISCORD_EPOCH = 1420070400000n;

let increment = 0n;

export function snowflakeAt(ms: number): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A stable snowflake-shaped id derived from a string (FNV-1a), for things like unregistered command names. */
export function stableSnowflake(seed: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const ch of seed) {
    hash ^= BigInt(ch.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  // Keep it in the same range as real ids of 2024–2025 so it looks like one.
  return (1250000000000000000n + (hash % 100000000000000000n)).toString();
}
