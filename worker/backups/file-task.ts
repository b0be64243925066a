import { loadConfig } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import { toneEmbed } from '../framework/embeds';
import { editOriginal } from '../framework/interaction-response';
import { emitEvent } from '../hooks/emit';
import { createRest } from '../services';
import type { FileTaskMessage } from './backup-job';
import { BackupStore } from './backup-store';
import { exportTask } from './export-task';
import { importTask } from './import-task';

/** Runs an export or an import in the queue consumer and puts the result in the interaction's message. */
export async function runFileTask(env: Env, task: FileTaskMessage): Promise<void> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error('configuration problem');
  const db = database(env.DB);
  let result: Parameters<typeof editOriginal>[3];
  if (task.kind === 'export') {
    const row = await new BackupStore(db, env.BACKUPS).get(task.guildId, task.backupId);
    result = row
      ? await exportTask(
          { db, bucket: env.BACKUPS, config: loaded.config, origin: task.origin },
          row,
          task.authorId,
        )
      : { embeds: [toneEmbed('error', 'Export failed', `Backup \`${task.backupId}\` no longer exists.`)] };
  } else {
    result = await importTask(
      {
        db,
        bucket: env.BACKUPS,
        onStored: (row) =>
          emitEvent(env, 'backup_created', {
            guildId: row.guildId,
            backupId: row.id,
            trigger: 'import',
          }).catch((error) =>
            console.error(`Edgeward: backup_created for ${row.id} was not emitted:`, error),
          ),
      },
      {
        jobId: task.jobId,
        guildId: task.guildId,
        actorId: task.authorId,
        fileUrl: task.fileUrl,
        ...(task.label ? { label: task.label } : {}),
      },
    );
  }
  await editOriginal(createRest(loaded.config), task.reply.applicationId, task.reply.token, result);
}

export async function reportFileTaskFailure(env: Env, task: FileTaskMessage) {
  const loaded = loadConfig(env);
  if (!loaded.ok) return;
  await editOriginal(createRest(loaded.config), task.reply.applicationId, task.reply.token, {
    embeds: [
      toneEmbed(
        'error',
        `${task.kind === 'export' ? 'Export' : 'Import'} failed`,
        'Storage or Discord failed repeatedly; nothing was stored.',
      ),
    ],
  });
}
