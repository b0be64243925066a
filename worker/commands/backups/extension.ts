import { defineExtension } from '../../extensions/extension';
import { backupCommands, backupComponents } from './index';

/**
 * Backup and restore. Required: automatic backups, the dashboard and running restores work outside
 * commands, so switching the commands off per server would only hide them.
 */
export const backupsExtension = defineExtension({
  manifest: {
    name: 'backups',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Server backups: create, compare, schedule, export, import and restore',
    details:
      'Snapshots of roles, channels, permissions, emojis, stickers and settings stored in R2, automatic backups on a schedule, diffs between backups or against the live server, and a restore that plans before it writes.',
    required: true,
    dependencies: { core: '^1.0.0' },
    commands: backupCommands.map((c) => c.name),
    components: backupComponents.map((c) => c.key),
    providesHooks: ['backup_created', 'restore_finished'],
  },
  commands: backupCommands,
  components: backupComponents,
});
