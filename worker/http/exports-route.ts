import type { Context } from 'hono';
import { BackupStore } from '../backups/backup-store';
import { buildExport } from '../backups/export-format';
import { verifyExportLink } from '../backups/export-link';
import { database } from '../db/client';
import type { AppEnv } from './interactions-route';

/** GET /exports/:guildId/:backupId?exp&sig — a signed, short-lived download of one backup's export. */
export async function exportsRoute(c: Context<AppEnv>) {
  const config = c.get('config');
  const { guildId, backupId } = c.req.param() as { guildId: string; backupId: string };
  const check = await verifyExportLink(
    config.exportSigningSecret,
    guildId,
    backupId,
    c.req.query('exp'),
    c.req.query('sig'),
  );
  if (check !== 'ok')
    return c.json(
      { error: check === 'expired' ? 'this download link has expired' : 'invalid download link' },
      check === 'expired' ? 410 : 403,
    );
  const store = new BackupStore(database(c.env.DB), c.env.BACKUPS);
  const row = await store.get(guildId, backupId);
  if (!row) return c.json({ error: 'no such backup' }, 404);
  const built = await buildExport(store, c.env.BACKUPS, row);
  if ('problems' in built)
    return c.json({ error: 'the backup failed verification', problems: built.problems }, 409);
  return new Response(built.json, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="backup-${guildId}-${backupId}.json"`,
      'cache-control': 'no-store',
    },
  });
}
