import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client';
import { storageErrors, storageOf } from '../../worker/diagnostics/storage-errors';

describe('storage errors in the diagnostics', () => {
  beforeEach(() => env.DB.prepare('DELETE FROM diagnostic_errors').run());

  it('tells D1 and R2 failures from the others by their messages', () => {
    expect(storageOf('D1_ERROR: no such table: guild_settings: SQLITE_ERROR')).toBe('d1');
    expect(storageOf('D1_EXEC_ERROR: Error in line 1')).toBe('d1');
    expect(storageOf('put: R2 bucket unavailable (10001)')).toBe('r2');
    expect(storageOf('DiscordAPIError[50013]: Missing Permissions')).toBeNull();
    expect(storageOf('Cannot read properties of undefined')).toBeNull();
  });

  it('counts the last hour only', async () => {
    const now = Date.now();
    const insert = (at: number, message: string) =>
      env.DB.prepare('INSERT INTO diagnostic_errors (at, command, guild_id, message) VALUES (?, ?, NULL, ?)')
        .bind(at, 'backupcreate', message)
        .run();
    await insert(now - 60_000, 'D1_ERROR: database is locked');
    await insert(now - 120_000, 'R2 bucket put failed');
    await insert(now - 30_000, 'DiscordAPIError[10003]: Unknown Channel');
    await insert(now - 2 * 60 * 60 * 1000, 'D1_ERROR: an old one');
    expect(await storageErrors(database(env.DB), now)).toEqual({ d1: 1, r2: 1 });
  });
});
