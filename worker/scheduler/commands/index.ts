import type { AnyCommand } from '../../framework/command';
import { defineCommandGroup } from '../../framework/command-group';
import { scheduleCreate } from './schedule-create';
import { scheduleDelete } from './schedule-delete';
import { scheduleInfo } from './schedule-info';
import { scheduleList } from './schedule-list';
import { scheduleToggle } from './schedule-toggle';

/** `/schedule create|list|info|toggle|delete`: one slash command, in the order /help lists them. */
export const scheduleCommands: AnyCommand[] = defineCommandGroup({
  name: 'schedule',
  description: 'Scheduled tasks: messages, hook events and log entries on a cron schedule',
  commands: [scheduleCreate, scheduleList, scheduleInfo, scheduleToggle, scheduleDelete],
});
