import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { deleteTask } from '../task-store';
import { autocompleteTasks } from './autocomplete';
import { mayChange, notYours, scheduleCommandBase, taskOption, taskOrReply } from './shared';

export const scheduleDelete = defineCommand({
  ...scheduleCommandBase,
  name: 'delete',
  description: 'Delete a scheduled task and its run history',
  mutates: true,
  options: { task: taskOption },
  autocomplete: autocompleteTasks,
  async run(ctx, { task: key }) {
    const found = await taskOrReply(ctx, ctx.guildId as string, key);
    if ('missing' in found) return found.missing;
    if (!mayChange(ctx, found.task)) return notYours(found.task);
    await deleteTask(ctx.db, found.task);
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          'Task deleted',
          `\`${found.task.name}\` will not run again; its ${found.task.runCount} recorded run${found.task.runCount === 1 ? '' : 's'} are gone too.`,
        ),
      ],
      ephemeral: true,
    });
  },
});
