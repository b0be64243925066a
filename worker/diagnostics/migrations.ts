import { MIGRATION_NAMES } from '../db/migration-names';

/** The table wrangler (and the test harness) record applied D1 migrations in. */
export const MIGRATIONS_TABLE = 'd1_migrations';

export interface MigrationStatus {
  applied: { name: string; appliedAt: string | null }[];
  /** Expected by this version, not applied: run `wrangler d1 migrations apply DB --remote`. */
  pending: string[];
  /** Applied but unknown to this version (an older deploy after a newer migration, or a hand-made one). */
  unknown: string[];
  /** Set when the table could not be read (never applied through wrangler). */
  problem: string | null;
}

/** Compares D1's `d1_migrations` with the list bundled into this version (`expected`, by default). */
export async function migrationStatus(
  d1: D1Database,
  expected: readonly string[] = MIGRATION_NAMES,
): Promise<MigrationStatus> {
  let rows: { name: string; applied_at: string | null }[];
  try {
    rows = (
      await d1
        .prepare(`SELECT name, applied_at FROM ${MIGRATIONS_TABLE} ORDER BY id`)
        .all<{ name: string; applied_at: string | null }>()
    ).results;
  } catch (error) {
    return {
      applied: [],
      pending: [...expected],
      unknown: [],
      problem: `D1 has no readable ${MIGRATIONS_TABLE} table (${error instanceof Error ? error.message : String(error)}): apply the migrations with wrangler.`,
    };
  }
  const appliedNames = new Set(rows.map((r) => r.name));
  const known = new Set(expected);
  return {
    applied: rows.map((r) => ({ name: r.name, appliedAt: r.applied_at })),
    pending: expected.filter((name) => !appliedNames.has(name)),
    unknown: rows.map((r) => r.name).filter((name) => !known.has(name)),
    problem: null,
  };
}
