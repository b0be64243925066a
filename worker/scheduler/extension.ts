import { defineExtension } from '../extensions/extension';
import { scheduleCommands } from './commands';
import { hookTaskType, logTaskType, messageTaskType } from './task-types';

/** Scheduled tasks: /schedule create|list|info|toggle|delete, and the per-minute cron runner. */
export const schedulerExtension = defineExtension({
  manifest: {
    name: 'scheduler',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Scheduled tasks: messages, hook events and log entries on a cron schedule',
    details:
      'Standard 5-field cron (0 = Sunday) in an IANA timezone per task. A cron trigger runs due tasks every minute, each run exactly once; max_runs finishes a task, and a task whose channel is gone or whose permission is missing is paused with the reason. Task types: message, hook (emits a custom event), log, and those other extensions add.',
    commands: scheduleCommands.map((c) => c.name),
    taskTypes: ['message', 'hook', 'log'],
  },
  commands: scheduleCommands,
  taskTypes: [messageTaskType, hookTaskType(), logTaskType],
});
