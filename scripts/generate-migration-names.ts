/** Writes worker/db/migration-names.ts from migrations/*.sql (see scripts/migration-names.ts). */
import { writeFileSync } from 'node:fs';
import { root } from '../bench/setup';
import { MIGRATION_NAMES_MODULE, migrationFiles, renderMigrationNames } from './migration-names';

const names = migrationFiles(`${root}migrations`);
writeFileSync(`${root}${MIGRATION_NAMES_MODULE}`, renderMigrationNames(names));
console.log(`${MIGRATION_NAMES_MODULE}: ${names.length} migrations (${names.at(-1) ?? 'none'} last)`);
