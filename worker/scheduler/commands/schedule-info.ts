import { defineCommand } from '../../framework/command';
import { reply } from '../../framework/reply';
import { infoEmbed } from '../format';
import { recentRuns } from '../task-store';
import { autocompleteTasks } from './autocomplete';
import { scheduleCommandBase, taskOption, taskOrReply } from './shared';

const RECENT_RUNS_SHOWN = 5;

export const scheduleInfo = defineCommand({
  ...scheduleCommandBase,
  name: 'info',
  description: 'A scheduled task: its status, next five runs and recent runs',
  options: { task: taskOption },
  autocomplete: autocompleteTasks,
  async run(ctx, { task: key }) {
    const found = await taskOrReply(ctx, ctx.guildId as string, key);
    if ('missing' in found) return found.missing;
    const runs = await recentRuns(ctx.db, found.task.id, RECENT_RUNS_SHOWN);
    return reply.message({ embeds: [infoEmbed(found.task, runs)], ephemeral: true });
  },
});
