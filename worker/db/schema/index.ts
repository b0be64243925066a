/** The D1 schema (drizzle), one file per area. Migrations are generated from it: `npm run db:generate`. */

export * from './backups';
export * from './bundled';
export * from './core';
export * from './dashboard';
export * from './diagnostics';
export * from './extensions';
export * from './restore';
