import { z } from 'zod';
import type { TaskTypeHandler } from '../extensions/extension';
import { FRAMEWORK_EVENTS } from '../hooks/events';

/** Task names: lowercase, 1-32 letters, digits, dashes and underscores; unique per server. */
export const TASK_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export const taskNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TASK_NAME, 'A task name is 1-32 lowercase letters, digits, `-` and `_`, e.g. `daily-reminder`.');

/** At most this many tasks per server. */
export const MAX_TASKS_PER_GUILD = 25;
/** Discord's limit for a message's text. */
export const MAX_CONTENT_LENGTH = 2000;

/** What a task is given at creation, besides its schedule. */
export interface TaskInput {
  channelId: string | null;
  content: string | null;
}

/**
 * A task type that checks its input when a task is created (optional: any `TaskTypeHandler` may add
 * `validate`). Returns the problem in a sentence, or null when the input is fine.
 */
export interface ValidatingTaskType extends TaskTypeHandler {
  validate(input: TaskInput): string | null;
}

function validates(handler: TaskTypeHandler): handler is ValidatingTaskType {
  return typeof (handler as Partial<ValidatingTaskType>).validate === 'function';
}

/** The task type's objection to `input`, or null. */
export function inputProblem(handler: TaskTypeHandler, input: TaskInput): string | null {
  return validates(handler) ? handler.validate(input) : null;
}

/** Slash options are one line: `\n` typed in content becomes a line break when the task posts. */
export function expandLineBreaks(text: string): string {
  return text.replace(/\\n/g, '\n');
}

const EVENT_NAME = /^[a-z][a-z0-9_.:-]{0,63}$/;
const FRAMEWORK_EVENT_NAMES: ReadonlySet<string> = new Set(FRAMEWORK_EVENTS);

export type HookContent = { ok: true; event: string; text: string | null } | { ok: false; error: string };

/**
 * A hook task's content: `event_name [text]`. The event is a custom one (the framework's own events carry
 * typed payloads a task cannot produce); the text travels as the payload's `content`.
 */
export function parseHookContent(content: string | null): HookContent {
  const trimmed = content?.trim() ?? '';
  const [event = ''] = trimmed.split(/\s+/);
  if (!event) {
    return {
      ok: false,
      error: 'A hook task needs `content`: the event to emit, then optional text, e.g. `daily_digest hello`.',
    };
  }
  if (!EVENT_NAME.test(event)) {
    return {
      ok: false,
      error: `\`${event.slice(0, 64)}\` is not an event name: start with a lowercase letter, then up to 63 of a-z, 0-9, \`_ . : -\`.`,
    };
  }
  if (FRAMEWORK_EVENT_NAMES.has(event)) {
    return {
      ok: false,
      error: `\`${event}\` is emitted by the framework itself with its own payload; a scheduled task emits custom events only.`,
    };
  }
  const text = trimmed.slice(event.length).trim();
  return { ok: true, event, text: text || null };
}
