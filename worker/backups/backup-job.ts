import { Routes } from 'discord-api-types/v10';
import { loadConfig } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import { emitEvent } from '../hooks/emit';
import { createRest } from '../services';
import { auditInsert } from '../settings/audit';
import { GuildSettingsStore } from '../settings/guild-settings';
import { markBackupCooldown } from './backup-cooldown';
import { createdEmbed, failedEmbed, progressEmbed } from './backup-messages';
import { type BackupRow, BackupStore } from './backup-store';
import { captureGuild } from './capture';
import { acquireJobLock, releaseJobLock, runningJob, setJobPhase } from './job-lock';
import { getSchedule, recordScheduleRun } from './schedule-store';

export interface BackupJobMessage {
  jobId: string;
  kind: 'manual' | 'auto';
  guildId: string;
  authorId: string;
  label: string;
  /** Manual backups: the interaction whose original response shows progress and the result. */
  reply?: { applicationId: string; token: string };
  /** Where the result goes when there is no interaction to edit (prefix use, or an expired token). */
  channel?: { channelId: string };
}

/** Exports and imports: file work too big for waitUntil, done by the same queue consumer. */
export type FileTaskMessage =
  | {
      kind: 'export';
      jobId: string;
      guildId: string;
      authorId: string;
      backupId: string;
      origin: string;
      reply: { applicationId: string; token: string };
    }
  | {
      kind: 'import';
      jobId: string;
      guildId: string;
      authorId: string;
      fileUrl: string;
      label?: string;
      reply: { applicationId: string; token: string };
    };

export type BackupQueueMessage = BackupJobMessage | FileTaskMessage;

export class GuildBusyError extends Error {}
/** Not retried: the server is full; the user is told. */
export class StorageFullError extends Error {}
/** Not an error for anyone: an automatic backup does not run while its guild is being restored. */
export class SkippedForRestore extends Error {}

/** A job lock outlives any single attempt by this much: a crashed attempt frees the guild after it. */
export const LOCK_TTL_MS = 15 * 60 * 1000;

/**
 * Runs one backup job (in the queue consumer): take the guild's lock, capture, store, report. A retried
 * job that already stored its backup only reports it again.
 */
export async function runBackupJob(env: Env, job: BackupJobMessage): Promise<BackupRow> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(`configuration: ${loaded.problems.map((p) => p.variable).join(', ')}`);
  const config = loaded.config;
  const db = database(env.DB);
  const rest = createRest(config);
  const store = new BackupStore(db, env.BACKUPS);
  const report = async (embed: ReturnType<typeof progressEmbed>) => {
    if (!job.reply) return;
    await rest
      .patch(Routes.webhookMessage(job.reply.applicationId, job.reply.token, '@original'), {
        body: { embeds: [embed], components: [], allowed_mentions: { parse: [] } },
        auth: false,
      })
      .catch(() => {});
  };

  /**
   * The result must reach the user: edit the interaction's message (retrying once, in case the edit
   * races Discord's acknowledgement), or, when that is gone (the token lasts 15 minutes), post it in the
   * channel instead.
   */
  const finish = async (embed: ReturnType<typeof progressEmbed>) => {
    if (job.reply) {
      const route = Routes.webhookMessage(job.reply.applicationId, job.reply.token, '@original');
      const body = { embeds: [embed], components: [], allowed_mentions: { parse: [] } };
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await rest.patch(route, { body, auth: false });
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    }
    if (job.channel) {
      await rest
        .post(Routes.channelMessages(job.channel.channelId), {
          body: {
            content: `<@${job.authorId}>`,
            embeds: [embed],
            allowed_mentions: { users: [job.authorId] },
          },
        })
        .catch(() => {});
    }
  };

  const existing = await store.byJob(job.jobId);
  if (existing) {
    await finish(createdEmbed(existing, { seconds: 0, warnings: [], notes: [] }));
    return existing;
  }
  // A guild being restored is skipped by automatic backups (the next run comes at its usual time).
  const running = await runningJob(env.DB, job.guildId);
  if (job.kind === 'auto' && running?.kind === 'restore') {
    await recordScheduleRun(env.DB, job.guildId, 'skipped: a restore was running');
    throw new SkippedForRestore(job.guildId);
  }
  if (
    !(await acquireJobLock(env.DB, {
      guildId: job.guildId,
      jobId: job.jobId,
      kind: job.kind,
      ttlMs: LOCK_TTL_MS,
    }))
  ) {
    throw new GuildBusyError(`a backup job is already running in guild ${job.guildId}`);
  }
  const started = Date.now();
  try {
    const { snapshot } = await captureGuild(job.guildId, {
      rest,
      cdnBase: config.cdnBase,
      bucket: env.BACKUPS,
      settings: new GuildSettingsStore(db, config),
      onPhase: async (phase) => {
        await setJobPhase(env.DB, job.guildId, job.jobId, phase);
        await report(progressEmbed(job.label, phase));
      },
    });
    await report(progressEmbed(job.label, 'saving'));
    if (
      job.kind === 'manual' &&
      (await store.count(job.guildId, ['manual', 'import'])) >= config.backups.maxPerGuild
    ) {
      throw new StorageFullError(`this server already has ${config.backups.maxPerGuild} backups`);
    }
    const row = await store.save(snapshot, { ...job, jobId: job.jobId });
    await emitEvent(env, 'backup_created', {
      guildId: job.guildId,
      backupId: row.id,
      trigger: job.kind,
    }).catch((error) => console.error(`Edgeward: backup_created for ${row.id} was not emitted:`, error));
    // Rotate only once the new backup is safely stored: a failed save never costs an older backup.
    if (job.kind === 'auto') await rotateAutoBackups(store, job.guildId, config.backups.autoKeep, row.id);
    if (job.kind === 'manual') await markBackupCooldown(env.DB, job.guildId, config.backups.cooldownSeconds);
    if (job.kind === 'auto') await recordScheduleRun(env.DB, job.guildId, null);
    const notes = [snapshot.members.reason, snapshot.bans.reason].filter((r): r is string => r !== null);
    await finish(
      createdEmbed(row, { seconds: (Date.now() - started) / 1000, warnings: snapshot.warnings, notes }),
    );
    return row;
  } finally {
    await releaseJobLock(env.DB, job.guildId, job.jobId);
  }
}

/** Keeps the newest `keep` unpinned auto-backups (the one just made among them); older ones go. */
async function rotateAutoBackups(store: BackupStore, guildId: string, keep: number, newest: string) {
  const autos = (await store.list(guildId)).filter((r) => r.kind === 'auto' && !r.pinned && r.id !== newest);
  for (const row of autos.slice(Math.max(0, keep - 1)))
    await store.delete(row, row.authorId, 'backup.rotate');
}

/** Tells the user, and the audit log, that a job gave up for good. */
export async function reportJobFailure(env: Env, job: BackupJobMessage, error: unknown) {
  const loaded = loadConfig(env);
  const reason =
    error instanceof GuildBusyError
      ? 'Another backup of this server was still running.'
      : 'Discord or storage failed repeatedly; nothing was saved.';
  const db = database(env.DB);
  await db.batch([
    auditInsert(db, {
      guildId: job.guildId,
      actorId: job.authorId,
      action: 'backup.failed',
      details: {
        jobId: job.jobId,
        kind: job.kind,
        // busy and full are the server's state, not a fault: diagnostics count only `error`.
        cause:
          error instanceof GuildBusyError ? 'busy' : error instanceof StorageFullError ? 'full' : 'error',
        error: error instanceof Error ? error.message.slice(0, 200) : String(error),
      },
    }),
  ]);
  if (job.kind === 'auto') {
    await recordScheduleRun(env.DB, job.guildId, reason);
    const schedule = await getSchedule(db, job.guildId);
    if (schedule?.alertChannelId && loaded.ok) {
      await createRest(loaded.config)
        .post(Routes.channelMessages(schedule.alertChannelId), {
          body: {
            embeds: [failedEmbed(`The scheduled backup failed after retries: ${reason}`)],
            allowed_mentions: { parse: [] },
          },
        })
        .catch(() => {});
    }
  }
  if (job.reply && loaded.ok) {
    await createRest(loaded.config)
      .patch(Routes.webhookMessage(job.reply.applicationId, job.reply.token, '@original'), {
        body: { embeds: [failedEmbed(reason)], components: [] },
        auth: false,
      })
      .catch(() => {});
  }
}
