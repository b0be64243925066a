import { BackupStore } from '../backups/backup-store';
import { captureGuild } from '../backups/capture';
import type { Config } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import { emitEvent } from '../hooks/emit';
import { createRest } from '../services';
import { GuildSettingsStore } from '../settings/guild-settings';
import { optionsOf, type RestoreJobRow, RestoreJobStore } from './job-store';
import { readLiveGuild } from './live-read';
import { planRestore } from './plan';

export type Prepared = { ok: true } | { ok: false; reason: string };

/**
 * A restore's first step: a pinned safety backup of the server as it is (the way back), then the plan,
 * computed against the live server at this moment and stored operation by operation.
 */
export async function prepareRestore(env: Env, config: Config, job: RestoreJobRow): Promise<Prepared> {
  const db = database(env.DB);
  const jobs = new RestoreJobStore(db);
  const backups = new BackupStore(db, env.BACKUPS);
  const rest = createRest(config);
  const row = await backups.get(job.guildId, job.backupId);
  const loaded = row ? await backups.load(row) : null;
  if (!loaded?.snapshot)
    return { ok: false, reason: `Backup ${job.backupId} is missing or failed verification.` };

  const earlier = job.safetyBackupId ? null : await backups.byJob(`restore-safety:${job.id}`);
  if (earlier) await jobs.setSafetyBackup(job.id, earlier.id);
  if (!job.safetyBackupId && !earlier) {
    const settings = new GuildSettingsStore(db, config);
    const { snapshot: current } = await captureGuild(job.guildId, {
      rest,
      cdnBase: config.cdnBase,
      bucket: env.BACKUPS,
      settings,
    });
    const safety = await backups.save(current, {
      guildId: job.guildId,
      label: `Before restore of ${job.backupId}`,
      authorId: job.createdBy,
      kind: 'safety',
      jobId: `restore-safety:${job.id}`,
    });
    await backups.setPinned(safety, true, job.createdBy);
    await jobs.setSafetyBackup(job.id, safety.id);
    await emitEvent(env, 'backup_created', {
      guildId: job.guildId,
      backupId: safety.id,
      trigger: 'safety',
    }).catch((error) => console.error('Edgeward: backup_created event:', error));
  }

  const options = optionsOf(job);
  const live = await readLiveGuild(
    rest,
    job.guildId,
    config.applicationId,
    {
      members: options.components.has('members'),
      bans: options.components.has('bans'),
    },
    new GuildSettingsStore(db, config),
  );
  const plan = planRestore(loaded.snapshot, live, options, await jobs.idMap(job.sourceGuildId, job.guildId));
  const blockers = plan.problems.filter((p) => p.severity === 'blocker');
  if (blockers.length) return { ok: false, reason: blockers.map((b) => b.message).join(' ') };
  await jobs.addOps(job.id, plan.operations);
  return { ok: true };
}
