import { HTTPError, type REST } from '@discordjs/rest';
import { BackupStore } from '../backups/backup-store';
import { acquireJobLock, releaseJobLock } from '../backups/job-lock';
import { loadConfig } from '../config';
import { database } from '../db/client';
import { checkRestBudget, countInvalidRequests, reportBlock } from '../discord/invalid-request-budget';
import type { Env } from '../env';
import { emitEvent } from '../hooks/emit';
import { createRest } from '../services';
import { auditInsert } from '../settings/audit';
import { GuildSettingsStore } from '../settings/guild-settings';
import { findCreated, isCreate } from './adopt';
import { applyOperation, Interrupted } from './apply-op';
import { etaSeconds } from './eta';
import { optionsOf, type RestoreJobRow, RestoreJobStore } from './job-store';
import { readLiveGuild } from './live-read';
import { planRestore } from './plan';
import type { Operation } from './plan-types';
import { prepareRestore } from './prepare';
import { progressEmbed, type ReplyTarget, showProgress } from './progress';
import { failedEmbed, finalEmbed, type RestoreReport } from './report';

export type SliceResult =
  | { status: 'more' | 'finished' }
  | { status: 'paused'; retryInMs: number; reason: string };

/** The restore holds the guild's job lock: backups of the guild wait until it is done. */
export const RESTORE_LOCK_MS = 30 * 60 * 1000;
const BATCH = 25;

/**
 * Works on a restore for up to `budgetMs`, then returns, so that a Durable Object alarm can call it again:
 * a restore survives restarts and deploys, because every step's state is in D1. Each operation is marked
 * in flight before Discord is called; on resume an in-flight create is looked up in the audit log by its
 * tag and adopted, never created twice.
 */
export async function runRestoreSlice(env: Env, jobId: string, budgetMs = 20_000): Promise<SliceResult> {
  const loaded = loadConfig(env);
  if (!loaded.ok) return { status: 'paused', retryInMs: 60_000, reason: 'configuration problem' };
  const config = loaded.config;
  const db = database(env.DB);
  const jobs = new RestoreJobStore(db);
  const job = await jobs.get(jobId);
  if (!job || ['done', 'failed', 'cancelled'].includes(job.status)) return { status: 'finished' };
  const rest = createRest(config, 'no-retry');
  const invalid = countInvalidRequests(rest);
  let target = JSON.parse(job.reply ?? 'null') as ReplyTarget | null;
  if (job.status === 'cancelling') return finalize(env, job, 'cancelled', target);
  if (
    !(await acquireJobLock(env.DB, {
      guildId: job.guildId,
      jobId: job.id,
      kind: 'restore',
      ttlMs: RESTORE_LOCK_MS,
    }))
  ) {
    return { status: 'paused', retryInMs: 30_000, reason: 'a backup of this server is running' };
  }
  if (job.status === 'planned') {
    const prepared = await prepareRestore(env, config, job);
    if (!prepared.ok) {
      await jobs.setStatus(job.id, 'failed', prepared.reason, { finishedAt: Date.now() });
      await releaseJobLock(env.DB, job.guildId, job.id);
      await announceFinished(env, job, 'failed');
      if (target)
        await showProgress(rest, target, { embeds: [failedEmbed(prepared.reason)], components: [] });
      return { status: 'finished' };
    }
  }
  // Background writes wait while the deployment is near Discord's invalid-request ceiling or blocked.
  const budget = await checkRestBudget(env, config.restInvalidBudget, invalid.take());
  if (!budget.ok) {
    const reason = `Paused: ${budget.reason}`;
    await jobs.setStatus(job.id, 'paused', reason);
    if (target) await showPaused(rest, jobs, job.id, target, reason);
    return { status: 'paused', retryInMs: budget.retryInMs, reason };
  }
  await jobs.markRunning(job.id, job.startedAt ?? Date.now());

  const idMap = await jobs.idMap(job.sourceGuildId, job.guildId);
  const settings = new GuildSettingsStore(db, config);
  const deadline = Date.now() + budgetMs;
  let calls = 0;
  try {
    for (;;) {
      const batch = await jobs.next(job.id, BATCH);
      if (batch.length === 0) {
        await jobs.addCalls(job.id, calls);
        calls = 0;
        return finalize(env, job, 'done', target);
      }
      for (const row of batch) {
        if (Date.now() > deadline) return { status: 'more' };
        // Cancel stops between operations: what is done stays done.
        const current = await jobs.get(job.id);
        if (current?.status === 'cancelling') {
          await jobs.addCalls(job.id, calls);
          calls = 0;
          return finalize(env, current, 'cancelled', target);
        }
        const op = JSON.parse(row.op) as Operation;
        if (row.state === 'in_flight' && isCreate(op)) {
          const adopted = await findCreated(rest, job.guildId, config.applicationId, job.id, op).catch(
            () => null,
          );
          if (adopted && 'sourceId' in op) {
            idMap.set(op.sourceId, adopted);
            await jobs.remember(
              job.sourceGuildId,
              job.guildId,
              op.sourceId,
              adopted,
              op.type.split('.')[0] as string,
            );
            await jobs.finish(job.id, row.seq, 'done', adopted, 'adopted after an interruption');
            continue;
          }
        }
        await jobs.markInFlight(job.id, row.seq, row.attempts + 1);
        let outcome: Awaited<ReturnType<typeof applyOperation>>;
        try {
          outcome = await applyOperation(op, {
            rest,
            bucket: env.BACKUPS,
            settings,
            guildId: job.guildId,
            jobId: job.id,
            actorId: job.createdBy,
            idMap,
          });
        } catch (error) {
          if (!(error instanceof Interrupted)) throw error;
          // Left in flight: the next slice reconciles it (adopts a create Discord did make, or sends it again).
          return {
            status: 'paused',
            retryInMs: 5_000,
            reason: `Discord failed during ${op.key}; checking and retrying.`,
          };
        }
        calls += op.calls;
        if (outcome.state === 'done') {
          for (const r of outcome.remember ?? [])
            await jobs.remember(job.sourceGuildId, job.guildId, r.sourceId, r.targetId, r.kind);
        }
        if (outcome.state === 'done' && outcome.targetId && 'sourceId' in op) {
          idMap.set(op.sourceId, outcome.targetId);
          await jobs.remember(
            job.sourceGuildId,
            job.guildId,
            op.sourceId,
            outcome.targetId,
            op.type.split('.')[0] as string,
          );
        }
        await jobs.finish(
          job.id,
          row.seq,
          outcome.state,
          outcome.state === 'done' ? outcome.targetId : null,
          'error' in outcome ? outcome.error : null,
        );
      }
      const spent = await checkRestBudget(env, config.restInvalidBudget, invalid.take());
      if (!spent.ok) {
        const reason = `Paused: ${spent.reason}`;
        await jobs.setStatus(job.id, 'paused', reason);
        if (target) await showPaused(rest, jobs, job.id, target, reason);
        return { status: 'paused', retryInMs: spent.retryInMs, reason };
      }
      const fresh = await jobs.get(job.id);
      if (fresh?.status === 'cancelling') {
        await jobs.addCalls(job.id, calls);
        calls = 0;
        return finalize(env, fresh, 'cancelled', target);
      }
      const [counts, pace] = await Promise.all([jobs.counts(job.id), jobs.pace(job.id)]);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      if (target) {
        target = await showProgress(rest, target, {
          embeds: [
            progressEmbed({
              phase: (JSON.parse(batch.at(-1)?.op ?? '{}') as Operation).type ?? '',
              done: total - counts.pending - counts.in_flight,
              total,
              failed: counts.failed,
              skipped: counts.skipped,
              etaSeconds: etaSeconds(pace, Date.now()),
              status: 'running',
            }),
          ],
        });
        await jobs.setReply(job.id, JSON.stringify(target));
      }
    }
  } catch (error) {
    // Cloudflare-level blocks (an HTML 403/429 without Discord's JSON) and outages: pause, never spin.
    if (
      error instanceof HTTPError ||
      (error instanceof Error && /fetch failed|network/i.test(error.message))
    ) {
      const reason = `Discord is not answering normally (${error instanceof HTTPError ? `HTTP ${error.status}` : error.message}); paused, retrying in 10 minutes.`;
      // A refusal that is not Discord's own JSON error comes from Cloudflare's edge: every isolate's
      // background work holds off, not just this job.
      if (error instanceof HTTPError && (error.status === 403 || error.status === 429))
        await reportBlock(env, 600_000, reason).catch(() => {});
      await jobs.setStatus(job.id, 'paused', reason);
      if (target) await showPaused(rest, jobs, job.id, target, reason);
      return { status: 'paused', retryInMs: 600_000, reason };
    }
    throw error;
  } finally {
    await jobs.addCalls(job.id, calls);
  }
}

/** Tells the admin why the job stopped for now (if Discord lets the message through at all). */
async function showPaused(
  rest: REST,
  jobs: RestoreJobStore,
  jobId: string,
  target: ReplyTarget,
  reason: string,
) {
  const [counts, pace] = await Promise.all([jobs.counts(jobId), jobs.pace(jobId)]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  await showProgress(rest, target, {
    embeds: [
      progressEmbed({
        phase: 'paused',
        done: total - counts.pending - counts.in_flight,
        total,
        failed: counts.failed,
        skipped: counts.skipped,
        etaSeconds: etaSeconds(pace, Date.now()),
        status: reason,
      }),
    ],
  });
}

async function finalize(
  env: Env,
  job: RestoreJobRow,
  status: 'done' | 'cancelled',
  target: ReplyTarget | null,
): Promise<SliceResult> {
  const loaded = loadConfig(env);
  if (!loaded.ok) return { status: 'finished' };
  const db = database(env.DB);
  const jobs = new RestoreJobStore(db);
  const rest = createRest(loaded.config);
  const [counts, failures, fresh, changes] = await Promise.all([
    jobs.counts(job.id),
    jobs.failures(job.id),
    jobs.get(job.id),
    jobs.doneByChange(job.id),
  ]);
  let remaining: number | null = null;
  if (status === 'done') {
    // Verification: plan again against the server as it is now; what is left is what did not take.
    const backups = new BackupStore(db, env.BACKUPS);
    const row = await backups.get(
      job.sourceGuildId === job.guildId ? job.guildId : job.guildId,
      job.backupId,
    );
    const { snapshot } = row ? await backups.load(row) : { snapshot: null };
    if (snapshot) {
      const options = optionsOf(job);
      const live = await readLiveGuild(
        rest,
        job.guildId,
        loaded.config.applicationId,
        {
          members: options.components.has('members'),
          bans: options.components.has('bans'),
        },
        new GuildSettingsStore(db, loaded.config),
      );
      const again = planRestore(
        snapshot,
        live,
        { ...options, components: new Set([...options.components].filter((c) => c !== 'bot')) },
        await jobs.idMap(job.sourceGuildId, job.guildId),
      );
      remaining = again.operations.length;
    }
  }
  const report: RestoreReport = {
    status,
    counts,
    changes,
    calls: fresh?.callsMade ?? 0,
    durationMs: Date.now() - (job.startedAt ?? job.createdAt),
    remaining,
    failures: failures.slice(0, 10).map((f) => `${f.key}: ${f.error ?? f.state}`),
  };
  await jobs.setStatus(job.id, status, null, { finishedAt: Date.now(), report: JSON.stringify(report) });
  await db.batch([
    auditInsert(db, {
      guildId: job.guildId,
      actorId: job.createdBy,
      action: `restore.${status}`,
      details: { jobId: job.id, backupId: job.backupId, counts, remaining },
    }),
  ]);
  await releaseJobLock(env.DB, job.guildId, job.id);
  await announceFinished(env, job, status);
  if (target) await showProgress(rest, target, { embeds: [finalEmbed(report)], components: [] });
  return { status: 'finished' };
}

/** Extensions hear of every restore's end; a failing event bus never fails the restore. */
async function announceFinished(env: Env, job: RestoreJobRow, status: 'done' | 'failed' | 'cancelled') {
  await emitEvent(env, 'restore_finished', { guildId: job.guildId, jobId: job.id, status }).catch((error) =>
    console.error('Edgeward: restore_finished event:', error),
  );
}
