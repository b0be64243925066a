import { type APIGuild, ChannelType, Routes } from 'discord-api-types/v10';
import type { CommandContext, Services } from '../../framework/context';
import { errorMessage } from '../../framework/embeds';
import { option } from '../../framework/options';
import { type Reply, reply } from '../../framework/reply';
import { findTask, type TaskRow } from '../task-store';

/** What every /schedule command shares: server only, slash only (its replies are ephemeral). */
export const scheduleCommandBase = {
  category: 'Scheduler',
  guildOnly: true,
  prefix: false,
} as const;

export const taskOption = option.string('The task: its name or id', {
  required: true,
  autocomplete: true,
  maxLength: 32,
});

export const TASK_CHANNEL_TYPES = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

/** Bot owners always; otherwise the server's owner, asked from Discord (null when Discord cannot say). */
export async function isBotOrServerOwner(ctx: CommandContext): Promise<boolean | null> {
  if (ctx.isBotOwner) return true;
  try {
    const guild = (await ctx.restNow().get(Routes.guild(ctx.guildId as string))) as APIGuild;
    return guild.owner_id === ctx.user.id;
  } catch (error) {
    console.error('Edgeward: /schedule create could not read the server owner:', error);
    return null;
  }
}

/** The creator of a task or a bot owner may change it. */
export function mayChange(ctx: CommandContext, task: TaskRow): boolean {
  return ctx.isBotOwner || task.createdBy === ctx.user.id;
}

export function notYours(task: TaskRow): Reply {
  return reply.message(
    errorMessage(
      'Not your task',
      `Only the task's creator (<@${task.createdBy}>) or the bot owner can change \`${task.name}\`.`,
    ),
  );
}

/** The server's task named or numbered `key`, or the reply for when there is none. */
export async function taskOrReply(
  services: Services,
  guildId: string,
  key: string,
): Promise<{ task: TaskRow } | { missing: Reply }> {
  const task = await findTask(services.db, guildId, key);
  if (task) return { task };
  return {
    missing: reply.message(
      errorMessage(
        'Task not found',
        `This server has no scheduled task \`${key.slice(0, 32)}\`. \`/schedule list\` shows its tasks.`,
      ),
    ),
  };
}
