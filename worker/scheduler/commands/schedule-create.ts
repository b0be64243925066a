import { defineCommand } from '../../framework/command';
import { errorMessage } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { DEFAULT_TIMEZONE, nextRunTime, parseSchedule } from '../cron';
import { createdEmbed } from '../format';
import { inputProblem, MAX_CONTENT_LENGTH, MAX_TASKS_PER_GUILD, taskNameSchema } from '../task-input';
import { insertTask } from '../task-store';
import { autocompleteTimezones } from './autocomplete';
import { isBotOrServerOwner, scheduleCommandBase, TASK_CHANNEL_TYPES } from './shared';
import { availableTaskTypes, lookupTaskType } from './task-type-lookup';

export const scheduleCreate = defineCommand({
  ...scheduleCommandBase,
  name: 'create',
  description: 'Schedule a message, hook event or log entry on a cron schedule',
  help: 'Cron has 5 fields: minute hour day-of-month month day-of-week, with 0 = Sunday (e.g. `0 9 * * 1-5` is 09:00 on weekdays). The schedule runs in `timezone` (an IANA name, default UTC), daylight saving included. Server owner or bot owner only.',
  mutates: true,
  options: {
    name: option.string('A name for the task, e.g. daily-reminder', {
      required: true,
      maxLength: 32,
      schema: taskNameSchema,
    }),
    cron: option.string('minute hour day month weekday (0 = Sunday), e.g. 0 9 * * 1-5', {
      required: true,
      maxLength: 100,
    }),
    task_type: option.string('message, hook, log, or a task type an extension adds', {
      required: true,
      autocomplete: true,
      maxLength: 32,
    }),
    channel: option.channel('Where a message or announcement is posted', {
      channelTypes: TASK_CHANNEL_TYPES,
    }),
    content: option.string('Message text, hook event (`event_name [text]`) or log line; \\n = new line', {
      maxLength: MAX_CONTENT_LENGTH,
    }),
    max_runs: option.integer('Stop after this many runs', { minValue: 1, maxValue: 100_000 }),
    timezone: option.string('IANA timezone, e.g. Europe/Berlin (default UTC)', {
      maxLength: 64,
      autocomplete: true,
    }),
  },
  async autocomplete(ctx) {
    if (ctx.focused.name === 'timezone') return autocompleteTimezones(ctx.focused.value);
    if (ctx.focused.name !== 'task_type' || !ctx.guildId) return reply.autocomplete([]);
    const typed = ctx.focused.value.trim().toLowerCase();
    const sources = await availableTaskTypes(ctx, ctx.guildId);
    return reply.autocomplete(
      sources
        .filter((s) => s.handler.name.includes(typed))
        .map((s) => ({
          name:
            s.extension.manifest.name === 'scheduler'
              ? s.handler.name
              : `${s.handler.name} (${s.extension.manifest.name} extension)`,
          value: s.handler.name,
        })),
    );
  },
  async run(ctx, options) {
    const guildId = ctx.guildId as string;
    const allowed = await isBotOrServerOwner(ctx);
    if (allowed === null) {
      return reply.message(
        errorMessage('Try again', 'Discord did not say who owns this server just now; nothing was created.'),
      );
    }
    if (!allowed) {
      return reply.message(
        errorMessage('Owner only', 'Only the server owner or the bot owner can create scheduled tasks.'),
      );
    }
    const parsed = parseSchedule(options.cron, options.timezone ?? DEFAULT_TIMEZONE);
    if (!parsed.ok) return reply.message(errorMessage('Invalid schedule', parsed.error));
    const type = await lookupTaskType(ctx, guildId, options.task_type);
    if (!type.ok) return reply.message(errorMessage('Invalid task type', type.error));
    const input = { channelId: options.channel?.id ?? null, content: options.content?.trim() || null };
    const problem = inputProblem(type.source.handler, input);
    if (problem) return reply.message(errorMessage('Invalid task', problem));

    const now = Date.now();
    const nextRunAt = nextRunTime(parsed.schedule, now);
    if (nextRunAt === null) {
      return reply.message(errorMessage('Invalid schedule', `\`${parsed.schedule.cron}\` never runs.`));
    }
    const inserted = await insertTask(ctx.db, {
      guildId,
      name: options.name,
      cron: parsed.schedule.cron,
      timezone: parsed.schedule.timezone,
      taskType: type.source.handler.name,
      channelId: input.channelId,
      content: input.content,
      maxRuns: options.max_runs ?? null,
      nextRunAt,
      createdBy: ctx.user.id,
      createdAt: now,
    });
    if (!inserted.ok) {
      return reply.message(
        inserted.reason === 'duplicate'
          ? errorMessage(
              'Name taken',
              `This server already has a task \`${options.name}\`. Pick another name, or \`/schedule delete\` the old one.`,
            )
          : errorMessage(
              'Too many tasks',
              `A server can have at most ${MAX_TASKS_PER_GUILD} scheduled tasks. \`/schedule delete\` one first.`,
            ),
      );
    }
    return reply.message({ embeds: [createdEmbed(inserted.task)], ephemeral: true });
  },
});
