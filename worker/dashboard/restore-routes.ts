import { Hono } from 'hono';
import { z } from 'zod';
import { BackupStore } from '../backups/backup-store';
import { etaSeconds } from '../restore/eta';
import { type RestoreJobRow, RestoreJobStore } from '../restore/job-store';
import { planForBackup } from '../restore/plan-for-backup';
import { type PlanOptions, RESTORE_COMPONENTS } from '../restore/plan-types';
import { startRestore } from '../restore/start-restore';
import { auditInsert } from '../settings/audit';
import { apiError, type DashboardContext, type DashboardEnv } from './context';
import { guildAccess, requireCsrf } from './middleware';
import { readJson } from './read-json';

const optionsBody = z
  .object({
    mode: z.enum(['add', 'sync', 'mirror'], { message: 'must be add, sync or mirror' }),
    components: z
      .array(z.enum(RESTORE_COMPONENTS, { message: `each must be one of ${RESTORE_COMPONENTS.join(', ')}` }))
      .min(1, 'choose at least one'),
    roleSync: z.boolean().default(false),
  })
  .strict();

const store = (c: DashboardContext) => new BackupStore(c.get('services').db, c.env.BACKUPS);

async function jobView(jobs: RestoreJobStore, job: RestoreJobRow) {
  const [counts, pace] = await Promise.all([jobs.counts(job.id), jobs.pace(job.id)]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: job.id,
    backupId: job.backupId,
    status: job.status,
    statusReason: job.statusReason,
    options: JSON.parse(job.options) as unknown,
    counts,
    total,
    done: total - counts.pending - counts.in_flight,
    etaSeconds: ['done', 'failed', 'cancelled'].includes(job.status) ? 0 : etaSeconds(pace, Date.now()),
    report: job.report ? (JSON.parse(job.report) as unknown) : null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/** The backup in the path and the options in the body, or the error response. */
async function restoreRequest(c: DashboardContext) {
  const parsed = await readJson(c, optionsBody);
  if (!parsed.ok) return parsed.response;
  const guildId = c.get('guild').id;
  const backups = store(c);
  const row = await backups.get(guildId, c.req.param('backupId') as string);
  if (!row) return apiError(c, 404, 'No such backup in this server.');
  const options: PlanOptions = { ...parsed.value, components: new Set(parsed.value.components) };
  return { guildId, backups, row, options };
}

/** Restore from the dashboard: the same dry run, job and runner as `/backuprestore`, with status to poll. */
export const restoreRoutes = new Hono<DashboardEnv>()
  .post('/:guildId/backups/:backupId/restore/preview', requireCsrf, guildAccess('restore'), async (c) => {
    const request = await restoreRequest(c);
    if (request instanceof Response) return request;
    const { guildId, backups, row, options } = request;
    const planned = await planForBackup(c.get('services'), backups, guildId, row, options);
    if (!planned.ok) return apiError(c, 409, 'The backup cannot be read.', { problems: planned.problems });
    const { plan } = planned;
    return c.json({
      operations: plan.operations.length,
      calls: plan.calls,
      estimateSeconds: plan.estimateSeconds,
      sameGuild: plan.sameGuild,
      counts: plan.counts,
      problems: plan.problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message })),
      blocked: plan.problems.some((p) => p.severity === 'blocker'),
    });
  })
  .post('/:guildId/backups/:backupId/restore', requireCsrf, guildAccess('restore'), async (c) => {
    const request = await restoreRequest(c);
    if (request instanceof Response) return request;
    const { guildId, backups, row, options } = request;
    const services = c.get('services');
    const started = await startRestore(
      { env: c.env, db: services.db, store: backups },
      {
        guildId,
        row,
        options,
        actorId: c.get('session').userId,
        reply: null,
      },
    );
    if (!started.ok)
      return apiError(c, 409, 'A restore of this server is already running.', { jobId: started.active.id });
    return c.json({ jobId: started.jobId }, 202);
  })
  .get('/:guildId/restores/active', guildAccess('view'), async (c) => {
    const jobs = new RestoreJobStore(c.get('services').db);
    const active = await jobs.active(c.get('guild').id);
    return c.json(active ? await jobView(jobs, active) : null);
  })
  .get('/:guildId/restores/:jobId', guildAccess('view'), async (c) => {
    const jobs = new RestoreJobStore(c.get('services').db);
    const job = await jobs.get(c.req.param('jobId'));
    if (!job || job.guildId !== c.get('guild').id) return apiError(c, 404, 'No such restore in this server.');
    return c.json(await jobView(jobs, job));
  })
  .post('/:guildId/restores/:jobId/cancel', requireCsrf, guildAccess('restore'), async (c) => {
    const services = c.get('services');
    const jobs = new RestoreJobStore(services.db);
    const job = await jobs.get(c.req.param('jobId'));
    if (!job || job.guildId !== c.get('guild').id) return apiError(c, 404, 'No such restore in this server.');
    if (!['planned', 'running', 'paused'].includes(job.status))
      return apiError(c, 409, `This restore is ${job.status}: nothing to cancel.`);
    const actor = c.get('session').userId;
    await jobs.setStatus(job.id, 'cancelling', `Cancelled by <@${actor}> from the dashboard`);
    await services.db.batch([
      auditInsert(services.db, {
        guildId: job.guildId,
        actorId: actor,
        action: 'restore.cancel',
        details: { jobId: job.id, via: 'dashboard' },
      }),
    ]);
    return c.json(await jobView(jobs, (await jobs.get(job.id)) as RestoreJobRow));
  });
