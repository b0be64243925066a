import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root } from '../../../bench/setup';
import {
  MIGRATION_NAMES_MODULE,
  migrationFiles,
  renderMigrationNames,
} from '../../../scripts/migration-names';

describe('the migration list bundled into the worker', () => {
  it('matches migrations/*.sql (regenerate with `npx tsx scripts/generate-migration-names.ts`)', () => {
    const expected = renderMigrationNames(migrationFiles(`${root}migrations`));
    const committed = readFileSync(`${root}${MIGRATION_NAMES_MODULE}`, 'utf8');
    expect(committed).toBe(expected);
  });

  it('lists files in the order wrangler applies them', () => {
    const text = renderMigrationNames(['0001_b.sql', '0000_a.sql'].sort());
    expect(text.indexOf('0000_a.sql')).toBeLessThan(text.indexOf('0001_b.sql'));
  });
});
