import { defineCommand } from '../../framework/command';
import { reply } from '../../framework/reply';
import { listEmbed } from '../format';
import { MAX_TASKS_PER_GUILD } from '../task-input';
import { listTasks } from '../task-store';
import { scheduleCommandBase } from './shared';

export const scheduleList = defineCommand({
  ...scheduleCommandBase,
  name: 'list',
  description: "This server's scheduled tasks",
  async run(ctx) {
    const tasks = await listTasks(ctx.db, ctx.guildId as string);
    return reply.message({ embeds: [listEmbed(tasks, MAX_TASKS_PER_GUILD)], ephemeral: true });
  },
});
