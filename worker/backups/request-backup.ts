import type { Config } from '../config';
import type { Env } from '../env';
import { backupCooldownUntil } from './backup-cooldown';
import { type BackupJobMessage, LOCK_TTL_MS } from './backup-job';
import type { BackupStore } from './backup-store';
import { defaultLabel } from './format';
import { acquireJobLock, releaseJobLock, runningJob } from './job-lock';

export type BackupRequest =
  | { ok: true; jobId: string; label: string; cooldownBypassedUntil: number | null }
  | { ok: false; reason: 'running'; kind: string; startedAt: number; phase: string }
  | { ok: false; reason: 'cooldown'; until: number }
  | { ok: false; reason: 'full'; stored: number; max: number }
  | { ok: false; reason: 'locked' };

/**
 * Queues a manual backup of a guild, after the same checks wherever it is asked for (slash, prefix,
 * dashboard): one job per guild at a time, the guild's cooldown (bot owners may bypass it), and the
 * storage cap. The guild's job lock is taken before the message is queued, so a double submit cannot
 * queue a second backup.
 */
export async function requestManualBackup(
  deps: { env: Env; config: Config; store: BackupStore },
  input: {
    guildId: string;
    actorId: string;
    isBotOwner: boolean;
    label?: string | null;
    notify?: Pick<BackupJobMessage, 'reply' | 'channel'>;
  },
): Promise<BackupRequest> {
  const { env, config, store } = deps;
  const { guildId } = input;
  const running = await runningJob(env.DB, guildId);
  if (running)
    return {
      ok: false,
      reason: 'running',
      kind: running.kind,
      startedAt: running.started_at,
      phase: running.phase,
    };
  const until = await backupCooldownUntil(env.DB, guildId);
  if (until && !input.isBotOwner) return { ok: false, reason: 'cooldown', until };
  const stored = await store.count(guildId, ['manual', 'import']);
  if (stored >= config.backups.maxPerGuild)
    return { ok: false, reason: 'full', stored, max: config.backups.maxPerGuild };
  const label = input.label?.trim() || defaultLabel('manual');
  const jobId = crypto.randomUUID();
  if (!(await acquireJobLock(env.DB, { guildId, jobId, kind: 'manual', ttlMs: LOCK_TTL_MS })))
    return { ok: false, reason: 'locked' };
  try {
    await env.BACKUP_QUEUE.send({
      jobId,
      kind: 'manual',
      guildId,
      authorId: input.actorId,
      label,
      ...input.notify,
    });
  } catch (error) {
    await releaseJobLock(env.DB, guildId, jobId);
    throw error;
  }
  return { ok: true, jobId, label, cooldownBypassedUntil: until ?? null };
}
