import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { restoreIdMap, restoreJobs, restoreOps } from '../db/schema';
import type { Operation, PlanOptions, RestoreComponent } from './plan-types';

export type RestoreJobRow = typeof restoreJobs.$inferSelect;
export type RestoreOpRow = typeof restoreOps.$inferSelect;
export type OpState = 'pending' | 'in_flight' | 'done' | 'failed' | 'skipped';
export interface Pace {
  /** The type of every operation not finished yet. */
  pendingTypes: string[];
  /** Operations done, failed or skipped. */
  finished: number;
  /** When the first operation was started (ms), null before any. */
  firstStartedAt: number | null;
}
export const ACTIVE_STATUSES = ['planned', 'running', 'paused', 'cancelling'];

export interface StoredOptions {
  mode: PlanOptions['mode'];
  components: RestoreComponent[];
  roleSync: boolean;
}

export function optionsOf(job: RestoreJobRow): PlanOptions {
  const o = JSON.parse(job.options) as StoredOptions;
  return { mode: o.mode, components: new Set(o.components), roleSync: o.roleSync };
}

/** D1 statements stay well under the 100-bound-values limit. */
const INSERT_CHUNK = 10;

export class RestoreJobStore {
  constructor(private readonly db: Database) {}

  async create(
    job: Omit<
      RestoreJobRow,
      'callsMade' | 'report' | 'startedAt' | 'finishedAt' | 'statusReason' | 'safetyBackupId'
    >,
  ) {
    await this.db.insert(restoreJobs).values({ ...job, callsMade: 0 });
  }

  /** Stores the plan's operations (once, when the job starts). */
  async addOps(jobId: string, ops: Operation[]) {
    const rows = ops.map((op, seq) => ({
      jobId,
      seq,
      key: op.key,
      type: op.type,
      op: JSON.stringify(op),
      state: 'pending' as const,
    }));
    const statements = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      statements.push(this.db.insert(restoreOps).values(rows.slice(i, i + INSERT_CHUNK)));
    for (let i = 0; i < statements.length; i += 50) {
      const batch = statements.slice(i, i + 50);
      if (batch.length) await this.db.batch(batch as [(typeof batch)[0], ...typeof batch]);
    }
  }

  get(jobId: string) {
    return this.db.query.restoreJobs.findFirst({ where: eq(restoreJobs.id, jobId) });
  }

  /** The guild's restore that has not finished, if any. */
  active(guildId: string) {
    return this.db.query.restoreJobs.findFirst({
      where: and(eq(restoreJobs.guildId, guildId), inArray(restoreJobs.status, ACTIVE_STATUSES)),
    });
  }

  setStatus(jobId: string, status: string, reason: string | null = null, extra: Partial<RestoreJobRow> = {}) {
    return this.db
      .update(restoreJobs)
      .set({ status, statusReason: reason, ...extra })
      .where(eq(restoreJobs.id, jobId));
  }

  /** Running, unless someone cancelled meanwhile (a cancel is never overwritten). */
  markRunning(jobId: string, startedAt: number) {
    return this.db
      .update(restoreJobs)
      .set({ status: 'running', statusReason: null, startedAt })
      .where(and(eq(restoreJobs.id, jobId), inArray(restoreJobs.status, ['planned', 'running', 'paused'])));
  }

  setSafetyBackup(jobId: string, backupId: string) {
    return this.db.update(restoreJobs).set({ safetyBackupId: backupId }).where(eq(restoreJobs.id, jobId));
  }

  setReply(jobId: string, reply: string) {
    return this.db.update(restoreJobs).set({ reply }).where(eq(restoreJobs.id, jobId));
  }

  /** The next operations to work on, in plan order: interrupted ones first (they need reconciling). */
  next(jobId: string, limit: number) {
    return this.db
      .select()
      .from(restoreOps)
      .where(and(eq(restoreOps.jobId, jobId), inArray(restoreOps.state, ['in_flight', 'pending'])))
      .orderBy(asc(restoreOps.seq))
      .limit(limit);
  }

  async counts(jobId: string): Promise<Record<OpState, number>> {
    const rows = await this.db
      .select({ state: restoreOps.state })
      .from(restoreOps)
      .where(eq(restoreOps.jobId, jobId));
    const out: Record<OpState, number> = { pending: 0, in_flight: 0, done: 0, failed: 0, skipped: 0 };
    for (const r of rows) out[r.state as OpState]++;
    return out;
  }

  /** What the time left is estimated from: the work left by type, and how fast the job has gone so far. */
  async pace(jobId: string): Promise<Pace> {
    const rows = await this.db
      .select({ type: restoreOps.type, state: restoreOps.state, startedAt: restoreOps.startedAt })
      .from(restoreOps)
      .where(eq(restoreOps.jobId, jobId));
    const pace: Pace = { pendingTypes: [], finished: 0, firstStartedAt: null };
    for (const r of rows) {
      if (r.state === 'pending' || r.state === 'in_flight') pace.pendingTypes.push(r.type);
      else pace.finished++;
      if (r.startedAt !== null && (pace.firstStartedAt === null || r.startedAt < pace.firstStartedAt))
        pace.firstStartedAt = r.startedAt;
    }
    return pace;
  }

  /** Done operations by kind of change: created, updated (incl. positions, members, bans, settings), deleted. */
  async doneByChange(jobId: string) {
    const rows = await this.db
      .select({ type: restoreOps.type })
      .from(restoreOps)
      .where(and(eq(restoreOps.jobId, jobId), eq(restoreOps.state, 'done')));
    const out = { created: 0, updated: 0, deleted: 0 };
    for (const { type } of rows) {
      if (type.endsWith('.create')) out.created++;
      else if (type.endsWith('.delete') || type === 'ban.remove') out.deleted++;
      else out.updated++;
    }
    return out;
  }

  failures(jobId: string) {
    return this.db
      .select({ key: restoreOps.key, error: restoreOps.error, state: restoreOps.state })
      .from(restoreOps)
      .where(and(eq(restoreOps.jobId, jobId), inArray(restoreOps.state, ['failed', 'skipped'])))
      .orderBy(asc(restoreOps.seq));
  }

  /** Marks an operation as sent to Discord: if the worker dies now, resume knows to reconcile it. */
  markInFlight(jobId: string, seq: number, attempts: number) {
    return this.db
      .update(restoreOps)
      .set({ state: 'in_flight', attempts, startedAt: Date.now() })
      .where(and(eq(restoreOps.jobId, jobId), eq(restoreOps.seq, seq)));
  }

  finish(
    jobId: string,
    seq: number,
    state: Exclude<OpState, 'pending' | 'in_flight'>,
    targetId: string | null,
    error: string | null,
  ) {
    return this.db
      .update(restoreOps)
      .set({ state, targetId, error })
      .where(and(eq(restoreOps.jobId, jobId), eq(restoreOps.seq, seq)));
  }

  async addCalls(jobId: string, calls: number) {
    const job = await this.get(jobId);
    if (job)
      await this.db
        .update(restoreJobs)
        .set({ callsMade: job.callsMade + calls })
        .where(eq(restoreJobs.id, jobId));
  }

  async idMap(sourceGuildId: string, targetGuildId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .select({ sourceId: restoreIdMap.sourceId, targetId: restoreIdMap.targetId })
      .from(restoreIdMap)
      .where(
        and(eq(restoreIdMap.sourceGuildId, sourceGuildId), eq(restoreIdMap.targetGuildId, targetGuildId)),
      );
    return new Map(rows.map((r) => [r.sourceId, r.targetId]));
  }

  remember(sourceGuildId: string, targetGuildId: string, sourceId: string, targetId: string, kind: string) {
    return this.db
      .insert(restoreIdMap)
      .values({ sourceGuildId, targetGuildId, sourceId, targetId, kind })
      .onConflictDoUpdate({
        target: [restoreIdMap.sourceGuildId, restoreIdMap.targetGuildId, restoreIdMap.sourceId],
        set: { targetId, kind },
      });
  }
}
