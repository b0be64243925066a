import { DiscordAPIError, HTTPError } from '@discordjs/rest';

/**
 * Thrown by a task type when the task cannot run until someone changes something (no channel, a disabled
 * feature): the task is paused with `reason` instead of failing every minute.
 */
export class TaskPausedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TaskPausedError';
  }
}

/** How a failed run affects its task: recorded only, or recorded and the task paused with a reason. */
export type RunFailure = { pause: false; error: string } | { pause: true; error: string; reason: string };

const MAX_ERROR_LENGTH = 500;

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `Discord ${error.status} (${error.code}): ${error.message}`;
  if (error instanceof HTTPError) return `Discord ${error.status}: ${error.message}`;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Discord errors that repeat on every run until a person acts: the channel or server is gone (10003, 10004),
 * or the bot may not see or post there (50001, 50013). Anything else (5xx, timeouts, a bug) is recorded and
 * the next run is tried as scheduled.
 */
export function classifyFailure(error: unknown, channelId: string | null): RunFailure {
  const message = describe(error).slice(0, MAX_ERROR_LENGTH);
  if (error instanceof TaskPausedError) return { pause: true, error: message, reason: error.reason };
  if (!(error instanceof DiscordAPIError)) return { pause: false, error: message };
  const channel = channelId ? `<#${channelId}>` : 'its channel';
  switch (error.code) {
    case 10003:
      return {
        pause: true,
        error: message,
        reason: `The channel ${channel} no longer exists. Delete this task and create it again with another channel.`,
      };
    case 10004:
      return { pause: true, error: message, reason: 'The bot is no longer in this server.' };
    case 50001:
      return {
        pause: true,
        error: message,
        reason: `The bot cannot see ${channel} (Missing Access). Give it View Channel there, then turn the task back on with /schedule toggle.`,
      };
    case 50013:
      return {
        pause: true,
        error: message,
        reason: `The bot lacks a permission in ${channel} (Send Messages, Embed Links). Grant it, then turn the task back on with /schedule toggle.`,
      };
    default:
      return { pause: false, error: message };
  }
}
