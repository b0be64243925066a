import type { BackupRow, BackupStore } from '../backups/backup-store';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { type RestoreJobRow, RestoreJobStore } from './job-store';
import type { PlanOptions } from './plan-types';
import type { ReplyTarget } from './progress';

export type StartResult = { ok: true; jobId: string } | { ok: false; active: RestoreJobRow };

/**
 * Records a restore job and hands it to the guild's runner (a Durable Object driven by alarms): it takes a
 * pinned safety backup, plans again against the server as it is then, and applies the plan. One restore per
 * guild: if one is active, nothing is started. `reply` is where progress is shown in Discord (none for the
 * dashboard, which reads the job's status).
 */
export async function startRestore(
  deps: { env: Env; db: Database; store: BackupStore },
  input: {
    guildId: string;
    row: BackupRow;
    options: PlanOptions;
    actorId: string;
    reply: ReplyTarget | null;
  },
): Promise<StartResult> {
  const jobs = new RestoreJobStore(deps.db);
  const active = await jobs.active(input.guildId);
  if (active) return { ok: false, active };
  const loaded = await deps.store.load(input.row);
  const jobId = crypto.randomUUID();
  await jobs.create({
    id: jobId,
    guildId: input.guildId,
    backupId: input.row.id,
    sourceGuildId: loaded.snapshot?.guild.id ?? input.guildId,
    options: JSON.stringify({
      mode: input.options.mode,
      components: [...input.options.components],
      roleSync: input.options.roleSync,
    }),
    status: 'planned',
    createdBy: input.actorId,
    createdAt: Date.now(),
    reply: input.reply ? JSON.stringify(input.reply) : null,
  });
  await deps.env.RESTORE_RUNNER.get(deps.env.RESTORE_RUNNER.idFromName(input.guildId)).start(jobId);
  return { ok: true, jobId };
}
