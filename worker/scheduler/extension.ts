import { defineExtension } from '../extensions/extension';

/** Scheduled tasks (/schedule). STUB: the scheduler work fills in commands. */
export const schedulerExtension = defineExtension({
  manifest: {
    name: 'scheduler',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Scheduled tasks: messages, hook events and log entries on a cron schedule',
  },
});
