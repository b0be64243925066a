import { defineCommand } from '../../framework/command';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { nextRunTime } from '../cron';
import { runTimeLine } from '../format';
import { findTask, pauseByUser, resume } from '../task-store';
import { autocompleteTasks } from './autocomplete';
import { mayChange, notYours, scheduleCommandBase, taskOption, taskOrReply } from './shared';

export const scheduleToggle = defineCommand({
  ...scheduleCommandBase,
  name: 'toggle',
  description: 'Turn a scheduled task off, or back on (also resumes a paused task)',
  mutates: true,
  options: { task: taskOption },
  autocomplete: autocompleteTasks,
  async run(ctx, { task: key }) {
    const found = await taskOrReply(ctx, ctx.guildId as string, key);
    if ('missing' in found) return found.missing;
    const task = found.task;
    if (!mayChange(ctx, task)) return notYours(task);
    if (task.status === 'finished') {
      return reply.message(
        errorMessage(
          'Task finished',
          `\`${task.name}\` has finished (${task.statusReason ?? 'no runs left'}). Delete it and create a new one to run it again.`,
        ),
      );
    }
    if (task.enabled && task.status === 'active') {
      await pauseByUser(ctx.db, task, ctx.user.id);
      return reply.message({
        embeds: [
          toneEmbed('info', 'Task turned off', `\`${task.name}\` will not run until it is turned back on.`),
        ],
        ephemeral: true,
      });
    }
    const next = nextRunTime({ cron: task.cron, timezone: task.timezone }, Date.now());
    if (next === null || !(await resume(ctx.db, task, next))) {
      const now = await findTask(ctx.db, task.guildId, task.id);
      return reply.message(
        errorMessage(
          'Not turned on',
          now?.status === 'finished'
            ? `\`${task.name}\` finished meanwhile.`
            : `\`${task.name}\` has no later run time, so it cannot run again.`,
        ),
      );
    }
    const was = task.statusReason ? `\nIt was paused: ${task.statusReason}` : '';
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          'Task turned on',
          `\`${task.name}\` runs next at ${runTimeLine(next, task.timezone)}.${was}`,
        ),
      ],
      ephemeral: true,
    });
  },
});
