import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import type { APIMessage } from 'discord-api-types/v10';
import { expect } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { createApp } from '../../worker/app';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import { announcementsExtension } from '../../worker/scheduler/announcements';
import { schedulerExtension } from '../../worker/scheduler/extension';
import { runDueTasks } from '../../worker/scheduler/runner';
import { type TaskTypeSource, taskTypeSources } from '../../worker/scheduler/task-types';
import { createRest } from '../../worker/services';
import { commandData, emulator, type Fetcher, interactWith, resetEmulator } from './harness';

/** Shared by the scheduler tests: an app with the scheduler and announcements extensions, and D1 probes. */
const testApp = createApp({ extensions: [schedulerExtension, announcementsExtension] });
const pending: ExecutionContext[] = [];
export const worker: Fetcher = {
  async fetch(request) {
    const ctx = createExecutionContext();
    pending.push(ctx);
    return testApp.fetch(request, env, ctx);
  },
};

export const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
export const MINUTE = 60_000;

export const str = (name: string, value: string) => ({ name, type: 3, value });
export const int = (name: string, value: number) => ({ name, type: 4, value });
export const channel = (id: string) => ({ name: 'channel', type: 7, value: id });

/** Runs a /schedule subcommand (`schedule create`); every answer is ephemeral. */
export async function slash(user: string, name: string, options: unknown[] = []) {
  const res = await interactWith(worker, {
    type: 2,
    user_id: user,
    ...where,
    data: commandData(name, options),
  });
  expect(res.body.data.flags).toBe(64);
  return res.body.data.embeds[0] as {
    title: string;
    description?: string;
    fields?: { name: string; value: string }[];
  };
}

export function create(user: string, name: string, cron: string, type: string, more: unknown[] = []) {
  return slash(user, 'schedule create', [
    str('name', name),
    str('cron', cron),
    str('task_type', type),
    ...more,
  ]);
}

export function field(embed: { fields?: { name: string; value: string }[] }, name: string): string {
  const found = embed.fields?.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found.value;
}

export interface TaskDbRow {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  enabled: number;
  status: string;
  status_reason: string | null;
  next_run_at: number | null;
  run_count: number;
  last_error: string | null;
  created_by: string;
}

export const task = (name: string) =>
  env.DB.prepare('SELECT * FROM scheduled_tasks WHERE name = ?').bind(name).first<TaskDbRow>();
export const runsOf = async (id: string) =>
  (
    await env.DB.prepare('SELECT * FROM scheduled_task_runs WHERE task_id = ? ORDER BY scheduled_for')
      .bind(id)
      .all<{ scheduled_for: number; ok: number | null; error: string | null; finished_at: number | null }>()
  ).results;
export const taskCount = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM scheduled_tasks').first<{ n: number }>())?.n;

/** What the bot posted on its own (not its answers to commands). */
export async function botPosts(channelId: string) {
  const list = await emulator<(APIMessage & { ephemeral: boolean })[]>(`/channels/${channelId}/messages`);
  return list.filter((m) => m.author.id === DEMO.botUserId && !m.ephemeral && !m.interaction_metadata);
}

/** Makes the task due at `at` (as if its time had come). */
export async function dueAt(name: string, at: number) {
  await env.DB.prepare('UPDATE scheduled_tasks SET next_run_at = ? WHERE name = ?').bind(at, name).run();
}

export async function disableExtension(extension: string, by: string) {
  await env.DB.prepare(
    'INSERT INTO guild_extensions (guild_id, extension, enabled, updated_by, updated_at) VALUES (?, ?, 0, ?, 0)',
  )
    .bind(DEMO.guildId, extension, by)
    .run();
}

function taskContext() {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error('config');
  return { env, config: loaded.config, db: database(env.DB), rest: createRest(loaded.config, 'no-retry') };
}

export const defaultSources = () => taskTypeSources([schedulerExtension, announcementsExtension]);

/** One pass of the scheduler at `now`, as the cron trigger runs it. */
export const runAt = (now: number, sources: TaskTypeSource[] = defaultSources()) =>
  runDueTasks(taskContext(), { now, sources });

export async function clean() {
  await resetEmulator();
  await env.DB.batch([
    env.DB.prepare('DELETE FROM scheduled_tasks'),
    env.DB.prepare('DELETE FROM scheduled_task_runs'),
    env.DB.prepare('DELETE FROM guild_extensions'),
  ]);
}

/** Waits for the test app's background work (like Discord, tests read the response first). */
export async function settle() {
  await Promise.all(pending.splice(0).map((ctx) => waitOnExecutionContext(ctx)));
}
