import type { BackupRow, BackupStore } from '../backups/backup-store';
import type { Services } from '../framework/context';
import { RestoreJobStore } from './job-store';
import { readLiveGuild } from './live-read';
import { planRestore } from './plan';
import type { PlanOptions, RestorePlan } from './plan-types';

export type PlanResult = { ok: true; plan: RestorePlan } | { ok: false; problems: string[] };

/**
 * The dry run of restoring `row` into `guildId` now: the snapshot, the live server (members and bans only
 * when selected) and the persisted id map, planned. Writes nothing. Shared by `/backuprestore` and the
 * dashboard.
 */
export async function planForBackup(
  services: Pick<Services, 'rest' | 'config' | 'settings' | 'db'>,
  store: BackupStore,
  guildId: string,
  row: BackupRow,
  options: PlanOptions,
): Promise<PlanResult> {
  const { snapshot, verify } = await store.load(row);
  if (!snapshot) return { ok: false, problems: verify.problems };
  const live = await readLiveGuild(
    services.rest(),
    guildId,
    services.config.applicationId,
    { members: options.components.has('members'), bans: options.components.has('bans') },
    services.settings,
  );
  const map = await new RestoreJobStore(services.db).idMap(snapshot.guild.id, guildId);
  return { ok: true, plan: planRestore(snapshot, live, options, map) };
}
