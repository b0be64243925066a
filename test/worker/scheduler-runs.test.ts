import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import workerEntry from '../../worker/index';
import { hookTaskType } from '../../worker/scheduler/task-types';
import { emulator } from './harness';
import {
  botPosts,
  channel,
  clean,
  create,
  defaultSources,
  disableExtension,
  dueAt,
  field,
  int,
  MINUTE,
  runAt,
  runsOf,
  settle,
  slash,
  str,
  task,
} from './scheduler-helpers';

const { ada: serverOwner, mia } = DEMO.users;

describe('the scheduler cron trigger', () => {
  beforeEach(clean);
  afterEach(settle);

  it('runs a due task exactly once when two triggers overlap', async () => {
    await create(serverOwner, 'hello', '* * * * *', 'message', [
      channel(DEMO.channels.general),
      str('content', 'Hello\\nworld'),
    ]);
    const due = Date.now() - 1000;
    await dueAt('hello', due);
    const [a, b] = await Promise.all([runAt(due + 500), runAt(due + 500)]);
    expect(a.ran + b.ran).toBe(1);
    expect(a.lost + b.lost).toBe(1);
    const posts = await botPosts(DEMO.channels.general);
    expect(posts.map((m) => m.content)).toEqual(['Hello\nworld']);
    const row = (await task('hello'))!;
    expect(row.run_count).toBe(1);
    expect(row.next_run_at).toBeGreaterThan(due);
    expect(await runsOf(row.id)).toEqual([
      expect.objectContaining({ scheduled_for: due, ok: 1, error: null }),
    ]);
    // A retry of the same trigger finds nothing due.
    expect((await runAt(due + 600)).ran).toBe(0);
    expect(await botPosts(DEMO.channels.general)).toHaveLength(1);
  });

  it('runs through the worker’s every-minute cron, once for two concurrent invocations', async () => {
    await create(serverOwner, 'via-cron', '* * * * *', 'message', [
      channel(DEMO.channels.general),
      str('content', 'from the cron'),
    ]);
    await dueAt('via-cron', Date.now() - 5000);
    const contexts = [createExecutionContext(), createExecutionContext()];
    await Promise.all(
      contexts.map((ctx) =>
        workerEntry.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx),
      ),
    );
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
    expect((await botPosts(DEMO.channels.general)).map((m) => m.content)).toEqual(['from the cron']);
    expect((await task('via-cron'))!.run_count).toBe(1);
  });

  it('finishes a task after max_runs', async () => {
    await create(serverOwner, 'twice', '*/5 * * * *', 'message', [
      channel(DEMO.channels.general),
      str('content', 'tick'),
      int('max_runs', 2),
    ]);
    let now = Date.now();
    for (let i = 0; i < 3; i++) {
      await dueAt('twice', now);
      await runAt(now + 1000);
      now += 5 * MINUTE;
    }
    expect(await botPosts(DEMO.channels.general)).toHaveLength(2);
    const row = (await task('twice'))!;
    expect(row).toMatchObject({ run_count: 2, enabled: 0, status: 'finished' });
    expect(row.status_reason).toBe('Finished: ran 2 of 2 times.');
    const info = await slash(mia, 'schedule info', [str('task', 'twice')]);
    expect(field(info, '📊 Status')).toContain('🏁 Finished');
    const toggle = await slash(serverOwner, 'schedule toggle', [str('task', 'twice')]);
    expect(toggle.title).toBe('❌ Task finished');
  });

  it('records a failed run and still runs the next one', async () => {
    await create(serverOwner, 'flaky', '* * * * *', 'message', [
      channel(DEMO.channels.general),
      str('content', 'try me'),
    ]);
    await emulator('/faults', {
      body: { method: 'POST', path: `/channels/${DEMO.channels.general}/messages`, status: 500, count: 1 },
    });
    const first = Date.now() - 1000;
    await dueAt('flaky', first);
    expect(await runAt(first + 100)).toMatchObject({ ran: 0, failed: 1, paused: 0 });
    let row = (await task('flaky'))!;
    expect(row).toMatchObject({ status: 'active', enabled: 1, run_count: 1 });
    expect(row.last_error).toMatch(/500/);
    expect(await botPosts(DEMO.channels.general)).toHaveLength(0);

    const second = first + MINUTE;
    await dueAt('flaky', second);
    expect(await runAt(second + 100)).toMatchObject({ ran: 1, failed: 0 });
    row = (await task('flaky'))!;
    expect(row.last_error).toBeNull();
    expect((await botPosts(DEMO.channels.general)).map((m) => m.content)).toEqual(['try me']);
    const runs = await runsOf(row.id);
    expect(runs.map((r) => [r.scheduled_for, r.ok])).toEqual([
      [first, 0],
      [second, 1],
    ]);
    expect(runs[0]!.error).toMatch(/500/);
    const info = await slash(mia, 'schedule info', [str('task', 'flaky')]);
    const recent = field(info, '🧾 Recent runs').split('\n');
    expect(recent[0]).toMatch(/^✅ /);
    expect(recent[1]).toMatch(/^❌ .*500/);
  });

  it('pauses a task whose channel is gone, with the reason, instead of failing every minute', async () => {
    await create(serverOwner, 'orphan', '* * * * *', 'message', [
      channel(DEMO.channels.announcements),
      str('content', 'into the void'),
    ]);
    await emulator(`/channels/${DEMO.channels.announcements}`, { method: 'DELETE' });
    const due = Date.now() - 1000;
    await dueAt('orphan', due);
    expect(await runAt(due + 100)).toMatchObject({ failed: 1, paused: 1 });
    const row = (await task('orphan'))!;
    expect(row).toMatchObject({ enabled: 0, status: 'paused' });
    expect(row.status_reason).toContain(`The channel <#${DEMO.channels.announcements}> no longer exists`);
    expect(row.last_error).toMatch(/10003/);
    // Later triggers leave it alone.
    expect(await runAt(due + 5 * MINUTE)).toMatchObject({ ran: 0, failed: 0 });
    expect(await runsOf(row.id)).toHaveLength(1);
    const info = await slash(serverOwner, 'schedule info', [str('task', 'orphan')]);
    expect(field(info, '📊 Status')).toContain('⏸️ Paused\nThe channel');
  });

  it('pauses a task whose channel the bot may not post in, and resumes it on toggle', async () => {
    await create(serverOwner, 'muted', '* * * * *', 'message', [
      channel(DEMO.channels.noBot),
      str('content', 'let me speak'),
    ]);
    const due = Date.now() - 1000;
    await dueAt('muted', due);
    expect(await runAt(due + 100)).toMatchObject({ paused: 1 });
    const row = (await task('muted'))!;
    expect(row.status_reason).toContain('lacks a permission');
    expect(row.last_error).toMatch(/50013/);
    const on = await slash(serverOwner, 'schedule toggle', [str('task', 'muted')]);
    expect(on.description).toContain('It was paused: The bot lacks a permission');
    expect(await task('muted')).toMatchObject({ enabled: 1, status: 'active', status_reason: null });
  });

  it('emits a hook task’s custom event with its text, and logs a log task', async () => {
    await create(serverOwner, 'digest', '0 * * * *', 'hook', [str('content', 'daily_digest  top posts')]);
    await create(serverOwner, 'note', '0 * * * *', 'log', [str('content', 'hourly note')]);
    const emitted: { event: string; payload: unknown }[] = [];
    const sources = defaultSources().map((s) =>
      s.handler.name === 'hook'
        ? {
            ...s,
            handler: hookTaskType(async (_env, event, payload) => {
              emitted.push({ event, payload });
              return { eventId: 'e1', handlers: 1 };
            }),
          }
        : s,
    );
    const due = Date.now() - 1000;
    await dueAt('digest', due);
    await dueAt('note', due);
    expect(await runAt(due + 100, sources)).toMatchObject({ ran: 2, failed: 0 });
    const digest = (await task('digest'))!;
    expect(emitted).toEqual([
      { event: 'daily_digest', payload: { guildId: DEMO.guildId, taskId: digest.id, content: 'top posts' } },
    ]);
    const note = (await task('note'))!;
    expect(await runsOf(note.id)).toEqual([expect.objectContaining({ ok: 1, error: null })]);
  });

  it('pauses a task whose task type no longer exists', async () => {
    await create(serverOwner, 'legacy', '* * * * *', 'log');
    await env.DB.prepare("UPDATE scheduled_tasks SET task_type = 'vanished' WHERE name = 'legacy'").run();
    const due = Date.now() - 1000;
    await dueAt('legacy', due);
    expect(await runAt(due + 100)).toMatchObject({ ran: 0, paused: 1 });
    expect((await task('legacy'))!.status_reason).toContain('`vanished` is no longer available');
  });

  it('marks a run whose trigger died as interrupted', async () => {
    await create(serverOwner, 'crashy', '* * * * *', 'log');
    const row = (await task('crashy'))!;
    const started = Date.now() - 20 * MINUTE;
    await env.DB.prepare(
      'INSERT INTO scheduled_task_runs (task_id, scheduled_for, started_at) VALUES (?, ?, ?)',
    )
      .bind(row.id, started, started)
      .run();
    const ctx = createExecutionContext();
    await workerEntry.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const [run] = await runsOf(row.id);
    expect(run).toMatchObject({ ok: 0 });
    expect(run!.error).toContain('Interrupted');
  });
});

describe('scheduled announcements (bundled extension)', () => {
  beforeEach(clean);
  afterEach(settle);

  it('posts the announcement as an embed on schedule', async () => {
    const created = await create(serverOwner, 'weekly-news', '0 18 * * 5', 'announcement', [
      channel(DEMO.channels.general),
      str('content', 'Weekly news | Release on Monday.\\nThanks, everyone!'),
      str('timezone', 'America/New_York'),
    ]);
    expect(created.title).toBe('✅ Task `weekly-news` scheduled');
    const due = Date.now() - 1000;
    await dueAt('weekly-news', due);
    expect(await runAt(due + 100)).toMatchObject({ ran: 1 });
    const [post] = await botPosts(DEMO.channels.general);
    expect(post!.embeds[0]).toMatchObject({
      title: 'Weekly news',
      description: 'Release on Monday.\nThanks, everyone!',
      footer: { text: 'Scheduled announcement · weekly-news' },
      timestamp: new Date(due).toISOString(),
    });
  });

  it('refuses an announcement without a channel, and skips runs while the extension is disabled', async () => {
    const refused = await create(serverOwner, 'no-channel', '0 18 * * 5', 'announcement', [
      str('content', 'Hi'),
    ]);
    expect(refused.title).toBe('❌ Invalid task');
    expect(refused.description).toContain('needs a `channel`');

    await create(serverOwner, 'news', '0 18 * * 5', 'announcement', [
      channel(DEMO.channels.general),
      str('content', 'Hello'),
    ]);
    await disableExtension('announcements', serverOwner);
    const due = Date.now() - 1000;
    await dueAt('news', due);
    expect(await runAt(due + 100)).toMatchObject({ ran: 0, skipped: 1 });
    expect(await botPosts(DEMO.channels.general)).toHaveLength(0);
    const row = (await task('news'))!;
    expect(row).toMatchObject({ run_count: 0, status: 'active' });
    expect(row.next_run_at).toBeGreaterThan(due);
  });

  it('pauses an announcement whose channel the bot may not post in, with the reason', async () => {
    await create(serverOwner, 'quiet-news', '0 18 * * 5', 'announcement', [
      channel(DEMO.channels.noBot),
      str('content', 'Title | text'),
    ]);
    const due = Date.now() - 1000;
    await dueAt('quiet-news', due);
    expect(await runAt(due + 100)).toMatchObject({ paused: 1 });
    const row = (await task('quiet-news'))!;
    expect(row).toMatchObject({ enabled: 0, status: 'paused' });
    expect(row.status_reason).toContain('lacks a permission');
    expect(row.last_error).toMatch(/50013/);
    expect(await botPosts(DEMO.channels.noBot)).toHaveLength(0);
  });
});
