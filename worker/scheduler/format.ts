import type { APIEmbed } from 'discord-api-types/v10';
import { colours } from '../framework/embeds';
import { nextRunTimes, wallTime } from './cron';
import type { TaskRow, TaskRunRow } from './task-store';

/** How many upcoming runs create and info show. */
export const UPCOMING_SHOWN = 5;

const seconds = (ms: number) => Math.floor(ms / 1000);

/** `<t:…:F>` (in the reader's own zone) followed by the wall time in the task's zone. */
export function runTimeLine(epochMs: number, timezone: string): string {
  return `<t:${seconds(epochMs)}:F> · ${wallTime(epochMs, timezone)} (${timezone})`;
}

/** The task's next runs (at most five, fewer when `max_runs` leaves fewer), from its stored next run. */
export function upcomingRuns(task: TaskRow): number[] {
  if (!task.enabled || task.status !== 'active' || task.nextRunAt === null) return [];
  const left = task.maxRuns === null ? UPCOMING_SHOWN : Math.max(0, task.maxRuns - task.runCount);
  const count = Math.min(UPCOMING_SHOWN, left);
  if (count === 0) return [];
  const schedule = { cron: task.cron, timezone: task.timezone };
  return [task.nextRunAt, ...nextRunTimes(schedule, task.nextRunAt, count - 1)];
}

export function upcomingText(task: TaskRow): string {
  const runs = upcomingRuns(task);
  if (runs.length) return runs.map((at) => runTimeLine(at, task.timezone)).join('\n');
  if (task.status === 'finished') return 'None: the task has finished.';
  return 'None while the task is paused. `/schedule toggle` turns it back on.';
}

export function statusText(task: TaskRow): string {
  const reason = task.statusReason ? `\n${task.statusReason}` : '';
  if (task.status === 'finished') return `🏁 Finished${reason}`;
  if (!task.enabled || task.status === 'paused') return `⏸️ Paused${reason}`;
  return '🟢 Active';
}

const statusIcon = (task: TaskRow) =>
  task.status === 'finished' ? '🏁' : !task.enabled || task.status === 'paused' ? '⏸️' : '🟢';

function runsText(task: TaskRow): string {
  return task.maxRuns === null ? `${task.runCount}` : `${task.runCount} of ${task.maxRuns}`;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function createdEmbed(task: TaskRow): APIEmbed {
  return {
    title: `✅ Task \`${task.name}\` scheduled`,
    color: colours.success,
    fields: [
      { name: '🕒 Schedule', value: `\`${task.cron}\` (${task.timezone})`, inline: true },
      { name: '🧩 Type', value: `\`${task.taskType}\``, inline: true },
      {
        name: '📍 Channel',
        value: task.channelId ? `<#${task.channelId}>` : 'None',
        inline: true,
      },
      { name: `📅 Next ${UPCOMING_SHOWN} runs`, value: upcomingText(task) },
    ],
    footer: {
      text: `id ${task.id}${task.maxRuns === null ? '' : ` · stops after ${task.maxRuns} runs`}`,
    },
  };
}

export function infoEmbed(task: TaskRow, runs: readonly TaskRunRow[]): APIEmbed {
  const recent = runs.length
    ? runs
        .map((run) => {
          const icon = run.ok === null ? '⏳' : run.ok ? '✅' : '❌';
          const error = run.error ? ` · ${clip(run.error, 120)}` : '';
          return `${icon} <t:${seconds(run.scheduledFor)}:f>${error}`;
        })
        .join('\n')
    : 'No runs yet.';
  const fields = [
    { name: '📊 Status', value: clip(statusText(task), 1024) },
    { name: '🕒 Schedule', value: `\`${task.cron}\` (${task.timezone})`, inline: true },
    { name: '🧩 Type', value: `\`${task.taskType}\``, inline: true },
    { name: '📍 Channel', value: task.channelId ? `<#${task.channelId}>` : 'None', inline: true },
    { name: '🔁 Runs', value: runsText(task), inline: true },
    { name: '👤 Created by', value: `<@${task.createdBy}> <t:${seconds(task.createdAt)}:R>`, inline: true },
    { name: '📝 Content', value: task.content ? clip(task.content, 1024) : 'None' },
    { name: `📅 Next ${UPCOMING_SHOWN} runs`, value: upcomingText(task) },
    { name: '🧾 Recent runs', value: clip(recent, 1024) },
  ];
  if (task.lastError) fields.push({ name: '⚠️ Last error', value: clip(task.lastError, 1024) });
  return {
    title: `🗓️ Task \`${task.name}\``,
    color: task.status === 'active' && task.enabled ? colours.info : colours.warning,
    fields,
    footer: { text: `id ${task.id}` },
  };
}

export function listEmbed(tasks: readonly TaskRow[], limit: number): APIEmbed {
  if (tasks.length === 0) {
    return {
      title: '🗓️ Scheduled tasks',
      color: colours.info,
      description:
        'This server has no scheduled tasks. The server owner can add one with `/schedule create`.',
    };
  }
  const lines = tasks.map((task) => {
    const next =
      task.enabled && task.status === 'active' && task.nextRunAt !== null
        ? `next <t:${seconds(task.nextRunAt)}:R>`
        : task.status === 'finished'
          ? 'finished'
          : 'paused';
    return `${statusIcon(task)} **${task.name}** · \`${task.cron}\` ${task.timezone} · \`${task.taskType}\` · runs ${runsText(task)} · ${next}`;
  });
  return {
    title: '🗓️ Scheduled tasks',
    color: colours.info,
    description: clip(lines.join('\n'), 4096),
    footer: { text: `${tasks.length} of at most ${limit} · /schedule info for details` },
  };
}
