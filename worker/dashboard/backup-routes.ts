import { and, count, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { type BackupRow, BackupStore, countsOf } from '../backups/backup-store';
import { diffStructure, summarise } from '../backups/diff';
import { buildExport } from '../backups/export-format';
import { runningJob } from '../backups/job-lock';
import { readLiveStructure } from '../backups/live-structure';
import { requestManualBackup } from '../backups/request-backup';
import { auditLog } from '../db/schema';
import { auditInsert } from '../settings/audit';
import { apiError, type DashboardContext, type DashboardEnv } from './context';
import { guildAccess, requireCsrf } from './middleware';
import { readJson } from './read-json';

const store = (c: DashboardContext) => new BackupStore(c.get('services').db, c.env.BACKUPS);

const view = (row: BackupRow) => ({
  id: row.id,
  label: row.label,
  note: row.note,
  kind: row.kind,
  pinned: row.pinned,
  createdAt: row.createdAt,
  authorId: row.authorId,
  sizeBytes: row.rawSize,
  storedBytes: row.storedSize,
  sha256: row.checksum,
  counts: countsOf(row),
});

const createBody = z.object({ label: z.string().max(100, 'at most 100 characters').optional() }).strict();
const patchBody = z
  .object({
    pinned: z.boolean().optional(),
    note: z.string().max(500, 'at most 500 characters').optional(),
    label: z.string().trim().min(1, 'cannot be empty').max(100, 'at most 100 characters').optional(),
  })
  .strict();
const AUDIT_PAGE = 25;

/** Backups (list, create, job status, pin, note, delete) and the server's audit log. */
export const backupRoutes = new Hono<DashboardEnv>()
  .get('/:guildId/backups', guildAccess('view'), async (c) => {
    const rows = await store(c).list(c.get('guild').id);
    return c.json({
      backups: rows.map(view),
      maxPerGuild: c.get('config').backups.maxPerGuild,
      used: rows.filter((r) => r.kind === 'manual' || r.kind === 'import').length,
    });
  })
  .post('/:guildId/backups', requireCsrf, guildAccess('backups'), async (c) => {
    const parsed = await readJson(c, createBody);
    if (!parsed.ok) return parsed.response;
    const result = await requestManualBackup(
      { env: c.env, config: c.get('config'), store: store(c) },
      {
        guildId: c.get('guild').id,
        actorId: c.get('session').userId,
        isBotOwner: c.get('isBotOwner'),
        label: parsed.value.label ?? null,
      },
    );
    if (result.ok) return c.json({ jobId: result.jobId, label: result.label }, 202);
    switch (result.reason) {
      case 'cooldown':
        return apiError(c, 429, 'This server is in its backup cooldown.', {
          retryAfter: Math.ceil((result.until - Date.now()) / 1000),
        });
      case 'full':
        return apiError(c, 409, `Storage full: ${result.stored}/${result.max} backups. Delete one first.`);
      default:
        return apiError(c, 409, 'A backup of this server is already running.');
    }
  })
  .get('/:guildId/backups/jobs/:jobId', guildAccess('view'), async (c) => {
    const guildId = c.get('guild').id;
    const jobId = c.req.param('jobId');
    const done = await store(c).byJob(jobId);
    if (done && done.guildId === guildId) return c.json({ status: 'done', backupId: done.id });
    const running = await runningJob(c.env.DB, guildId);
    if (running?.job_id === jobId) return c.json({ status: 'running', phase: running.phase });
    return c.json({ status: 'failed', error: 'The backup did not complete; see the audit log.' });
  })
  .patch('/:guildId/backups/:backupId', requireCsrf, guildAccess('backups'), async (c) => {
    const parsed = await readJson(c, patchBody);
    if (!parsed.ok) return parsed.response;
    const backups = store(c);
    const row = await backups.get(c.get('guild').id, c.req.param('backupId'));
    if (!row) return apiError(c, 404, 'No such backup in this server.');
    const actor = c.get('session').userId;
    if (parsed.value.pinned !== undefined && parsed.value.pinned !== row.pinned)
      await backups.setPinned(row, parsed.value.pinned, actor);
    if (parsed.value.label !== undefined && parsed.value.label !== row.label)
      await backups.setLabel(row, parsed.value.label, actor);
    if (parsed.value.note !== undefined && parsed.value.note !== row.note)
      await backups.setNote(row, parsed.value.note, actor);
    return c.json(view((await backups.get(row.guildId, row.id)) as BackupRow));
  })
  .delete('/:guildId/backups/:backupId', requireCsrf, guildAccess('backups'), async (c) => {
    const backups = store(c);
    const row = await backups.get(c.get('guild').id, c.req.param('backupId'));
    if (!row) return apiError(c, 404, 'No such backup in this server.');
    if (row.pinned) return apiError(c, 409, 'This backup is pinned: unpin it before deleting it.');
    if (!(await backups.delete(row, c.get('session').userId)))
      return apiError(c, 409, 'This backup was pinned meanwhile: unpin it before deleting it.');
    return c.body(null, 204);
  })
  .post('/:guildId/backups/:backupId/verify', requireCsrf, guildAccess('backups'), async (c) => {
    const backups = store(c);
    const row = await backups.get(c.get('guild').id, c.req.param('backupId'));
    if (!row) return apiError(c, 404, 'No such backup in this server.');
    const { verify } = await backups.load(row);
    const db = c.get('services').db;
    await db.batch([
      auditInsert(db, {
        guildId: row.guildId,
        actorId: c.get('session').userId,
        action: 'backup.verify',
        details: { backupId: row.id, ok: verify.ok, problems: verify.problems },
      }),
    ]);
    return c.json({ ok: verify.ok, problems: verify.problems });
  })
  .get('/:guildId/backups/:backupId/export', guildAccess('backups'), async (c) => {
    const guild = c.get('guild');
    // The same rule as /backupexport: the file holds the whole server, images included.
    const allowed =
      c.get('isBotOwner') || (guild.access === 'admin' && c.get('config').backups.exportAllowAdmins);
    if (!allowed)
      return apiError(
        c,
        403,
        'Exports are for bot owners (or server admins when BACKUP_EXPORT_ALLOW_ADMINS is on).',
      );
    const backups = store(c);
    const row = await backups.get(guild.id, c.req.param('backupId'));
    if (!row) return apiError(c, 404, 'No such backup in this server.');
    const built = await buildExport(backups, c.env.BACKUPS, row);
    if ('problems' in built)
      return apiError(c, 409, 'The backup failed verification.', { problems: built.problems });
    const db = c.get('services').db;
    await db.batch([
      auditInsert(db, {
        guildId: row.guildId,
        actorId: c.get('session').userId,
        action: 'backup.export',
        details: { backupId: row.id, via: 'dashboard' },
      }),
    ]);
    return new Response(built.json, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="backup-${row.guildId}-${row.id}.json"`,
        'cache-control': 'no-store',
      },
    });
  })
  .get('/:guildId/backups/:backupId/compare', guildAccess('view'), async (c) => {
    const backups = store(c);
    const guildId = c.get('guild').id;
    const row = await backups.get(guildId, c.req.param('backupId'));
    if (!row) return apiError(c, 404, 'No such backup in this server.');
    const [{ snapshot, verify }, live] = await Promise.all([
      backups.load(row),
      readLiveStructure(c.get('services').rest(), guildId),
    ]);
    if (!snapshot) return apiError(c, 409, 'The backup cannot be read.', { problems: verify.problems });
    // The same diff as /backupdiff and the Discord dashboard's Compare tab: by id, field by field.
    const changes = diffStructure(snapshot, live, { images: false });
    return c.json({ summary: summarise(changes), changes });
  })
  .get('/:guildId/audit', guildAccess('view'), async (c) => {
    const guildId = c.get('guild').id;
    const page = Math.max(1, Math.floor(Number(c.req.query('page') ?? 1)) || 1);
    const action = c.req.query('action');
    const db = c.get('services').db;
    const where = action
      ? and(eq(auditLog.guildId, guildId), eq(auditLog.action, action))
      : eq(auditLog.guildId, guildId);
    const [rows, total] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(AUDIT_PAGE)
        .offset((page - 1) * AUDIT_PAGE),
      db.select({ n: count() }).from(auditLog).where(where).get(),
    ]);
    return c.json({
      entries: rows.map((r) => ({
        id: r.id,
        at: r.createdAt,
        actorId: r.actorId,
        action: r.action,
        details: JSON.parse(r.details) as unknown,
      })),
      page,
      pages: Math.max(1, Math.ceil((total?.n ?? 0) / AUDIT_PAGE)),
    });
  });
