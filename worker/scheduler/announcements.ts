import { type APIEmbed, type RESTPostAPIChannelMessageJSONBody, Routes } from 'discord-api-types/v10';
import { defineExtension } from '../extensions/extension';
import { colours } from '../framework/embeds';
import { TaskPausedError } from './task-failure';
import { expandLineBreaks, type ValidatingTaskType } from './task-input';

const MAX_TITLE = 256;
const DEFAULT_TITLE = '📢 Announcement';

/** `Title | body` → an embed; without ` | ` the whole content is the body under a default title. */
export function announcementEmbed(content: string, taskName: string, scheduledFor: number): APIEmbed {
  const split = content.indexOf('|');
  const title = split >= 0 ? content.slice(0, split).trim() : '';
  const body = (split >= 0 ? content.slice(split + 1) : content).trim();
  return {
    title: title || DEFAULT_TITLE,
    description: expandLineBreaks(body) || undefined,
    color: colours.info,
    footer: { text: `Scheduled announcement · ${taskName}` },
    timestamp: new Date(scheduledFor).toISOString(),
  };
}

/** `announcement`: posts the content as an embed announcement to the task's channel. */
export const announcementTaskType: ValidatingTaskType = {
  name: 'announcement',
  validate({ channelId, content }) {
    if (!channelId) return 'An `announcement` task needs a `channel` to post in.';
    if (!content?.trim())
      return 'An `announcement` task needs `content`: `Title | text` (use `\\n` for a new line).';
    const split = content.indexOf('|');
    if (split > MAX_TITLE) return `An announcement title is at most ${MAX_TITLE} characters.`;
    return null;
  },
  async run(ctx, task) {
    if (!task.channelId) throw new TaskPausedError('This announcement task has no channel to post in.');
    if (!task.content?.trim()) throw new TaskPausedError('This announcement task has no content.');
    const body: RESTPostAPIChannelMessageJSONBody = {
      embeds: [announcementEmbed(task.content, task.name, task.scheduledFor)],
      allowed_mentions: { parse: [] },
    };
    await ctx.rest.post(Routes.channelMessages(task.channelId), { body });
  },
};

/** Scheduled announcements: a bundled extension built on the scheduler's task types. */
export const announcementsExtension = defineExtension({
  manifest: {
    name: 'announcements',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Scheduled announcements: embeds posted to a channel on a cron schedule',
    details:
      'Adds the `announcement` task type to /schedule create. Content is `Title | text` (`\\n` starts a new line); the bot posts it as an embed at every run.',
    dependencies: { scheduler: '^1.0.0' },
    taskTypes: ['announcement'],
  },
  taskTypes: [announcementTaskType],
});
