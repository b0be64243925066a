import type { AnyCommand } from '../../framework/command';
import { scheduleCreate } from './schedule-create';
import { scheduleDelete } from './schedule-delete';
import { scheduleInfo } from './schedule-info';
import { scheduleList } from './schedule-list';
import { scheduleToggle } from './schedule-toggle';

/** The /schedule_* commands, in the order /help lists them. */
export const scheduleCommands: AnyCommand[] = [
  scheduleCreate,
  scheduleList,
  scheduleInfo,
  scheduleToggle,
  scheduleDelete,
];
