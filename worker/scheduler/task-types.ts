import { AllowedMentionsTypes, type RESTPostAPIChannelMessageJSONBody, Routes } from 'discord-api-types/v10';
import type { ExtensionDefinition, TaskTypeHandler } from '../extensions/extension';
import { emitEvent } from '../hooks/emit';
import { TaskPausedError } from './task-failure';
import {
  expandLineBreaks,
  MAX_CONTENT_LENGTH,
  parseHookContent,
  type ValidatingTaskType,
} from './task-input';

/** `message`: posts the content to the channel. Mentions of users and roles ping; @everyone and @here do not. */
export const messageTaskType: ValidatingTaskType = {
  name: 'message',
  validate({ channelId, content }) {
    if (!channelId) return 'A `message` task needs a `channel` to post in.';
    if (!content?.trim()) return 'A `message` task needs `content`: the text to post.';
    if (content.length > MAX_CONTENT_LENGTH) return `A message is at most ${MAX_CONTENT_LENGTH} characters.`;
    return null;
  },
  async run(ctx, task) {
    if (!task.channelId) throw new TaskPausedError('This message task has no channel to post in.');
    const body: RESTPostAPIChannelMessageJSONBody = {
      content: expandLineBreaks(task.content ?? ''),
      allowed_mentions: { parse: [AllowedMentionsTypes.User, AllowedMentionsTypes.Role] },
    };
    await ctx.rest.post(Routes.channelMessages(task.channelId), { body });
  },
};

type Emit = (
  env: Parameters<typeof emitEvent>[0],
  event: string,
  payload: { guildId: string | null; taskId?: string; content?: string | null },
) => Promise<{ eventId: string; handlers: number }>;

/** `hook`: emits the custom event named by the content (`event_name [text]`) to the extensions' hooks. */
export function hookTaskType(emit: Emit = emitEvent): ValidatingTaskType {
  return {
    name: 'hook',
    validate({ content }) {
      const parsed = parseHookContent(content);
      return parsed.ok ? null : parsed.error;
    },
    async run(ctx, task) {
      const parsed = parseHookContent(task.content);
      if (!parsed.ok) throw new TaskPausedError(parsed.error);
      await emit(ctx.env, parsed.event, { guildId: task.guildId, taskId: task.id, content: parsed.text });
    },
  };
}

/** `log`: writes the content to the worker's log; the run itself is the record (`scheduled_task_runs`). */
export const logTaskType: TaskTypeHandler = {
  name: 'log',
  run(_ctx, task) {
    console.log(
      `Edgeward: scheduled task "${task.name}" (${task.id}, guild ${task.guildId}, run ${task.runNumber}): ${task.content ?? '(no content)'}`,
    );
  },
};

/** A task type and the extension that adds it (the scheduler's own for message, hook and log). */
export interface TaskTypeSource {
  handler: TaskTypeHandler;
  extension: ExtensionDefinition;
}

/** Every extension's task types, with their extension; a name defined twice is an error. */
export function taskTypeSources(extensions: readonly ExtensionDefinition[]): TaskTypeSource[] {
  const sources = extensions.flatMap((extension) =>
    extension.taskTypes.map((handler) => ({ handler, extension })),
  );
  const seen = new Map<string, string>();
  for (const { handler, extension } of sources) {
    const taken = seen.get(handler.name);
    if (taken) {
      throw new Error(
        `task type "${handler.name}" is defined by both ${taken} and ${extension.manifest.name}`,
      );
    }
    seen.set(handler.name, extension.manifest.name);
  }
  return sources;
}
