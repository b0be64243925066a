import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { commandData, interactWith } from './harness';
import {
  channel,
  clean,
  create,
  disableExtension,
  field,
  int,
  settle,
  slash,
  str,
  task,
  taskCount,
  where,
  worker,
} from './scheduler-helpers';

const { olive: botOwner, ada: serverOwner, max, mia } = DEMO.users;

describe('/schedule commands', () => {
  beforeEach(clean);
  afterEach(settle);

  it('lets the server owner and the bot owner create, not other members; shows the next five runs', async () => {
    const refused = await create(max, 'nope', '0 9 * * *', 'log');
    expect(refused.title).toBe('❌ Owner only');
    expect(await taskCount()).toBe(0);

    const created = await create(serverOwner, 'Morning-Hello', '0 9 * * 1-5', 'message', [
      channel(DEMO.channels.general),
      str('content', 'Good morning!'),
      str('timezone', 'europe/berlin'),
    ]);
    expect(created.title).toBe('✅ Task `morning-hello` scheduled');
    const upcoming = field(created, '📅 Next 5 runs').split('\n');
    expect(upcoming).toHaveLength(5);
    for (const line of upcoming) expect(line).toMatch(/^<t:\d+:F> · \w{3}, .*09:00.* \(Europe\/Berlin\)$/);
    const row = await task('morning-hello');
    expect(row).toMatchObject({ timezone: 'Europe/Berlin', created_by: serverOwner, status: 'active' });
    expect(row!.next_run_at).toBe(Number(/<t:(\d+):F>/.exec(upcoming[0]!)![1]) * 1000);
    // Weekdays only, 09:00 Berlin time.
    for (const line of upcoming) {
      const at = Number(/<t:(\d+):F>/.exec(line)![1]) * 1000;
      expect([1, 2, 3, 4, 5]).toContain(new Date(at).getUTCDay());
    }

    const byBotOwner = await create(botOwner, 'audit', '*/30 * * * *', 'log', [str('content', 'tick')]);
    expect(byBotOwner.title).toBe('✅ Task `audit` scheduled');
    expect(await taskCount()).toBe(2);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const cases: [unknown[], string, RegExp][] = [
      [[str('name', 'a'), str('cron', '0 9 * *'), str('task_type', 'log')], 'Invalid schedule', /5 fields/],
      [
        [str('name', 'a'), str('cron', '0 0 L * *'), str('task_type', 'log')],
        'Invalid schedule',
        /not standard cron/,
      ],
      [
        [str('name', 'a'), str('cron', '0 9 * * *'), str('task_type', 'log'), str('timezone', 'Mars/Base')],
        'Invalid schedule',
        /not an IANA timezone/,
      ],
      [
        [str('name', 'a'), str('cron', '0 9 * * *'), str('task_type', 'email')],
        'Invalid task type',
        /Available: `message`, `hook`, `log`, `announcement`/,
      ],
      [
        [str('name', 'a'), str('cron', '0 9 * * *'), str('task_type', 'message'), str('content', 'hi')],
        'Invalid task',
        /needs a `channel`/,
      ],
      [
        [
          str('name', 'a'),
          str('cron', '0 9 * * *'),
          str('task_type', 'hook'),
          str('content', 'member_joined'),
        ],
        'Invalid task',
        /emitted by the framework/,
      ],
      [
        [str('name', 'a'), str('cron', '0 9 * * *'), str('task_type', 'hook')],
        'Invalid task',
        /needs `content`/,
      ],
      [
        [str('name', 'Bad Name!'), str('cron', '0 9 * * *'), str('task_type', 'log')],
        'Invalid input',
        /task name is 1-32/,
      ],
    ];
    for (const [options, title, description] of cases) {
      const embed = await slash(serverOwner, 'schedule create', options);
      expect(embed.title).toBe(`❌ ${title}`);
      expect(embed.description).toMatch(description);
    }
    expect(await taskCount()).toBe(0);

    await create(serverOwner, 'dup', '0 9 * * *', 'log');
    const duplicate = await create(botOwner, 'DUP', '0 10 * * *', 'log');
    expect(duplicate.title).toBe('❌ Name taken');
    expect((await task('dup'))!.cron).toBe('0 9 * * *');
    expect(await taskCount()).toBe(1);
  });

  it('lists for everyone, shows info, and lets only the creator or the bot owner toggle and delete', async () => {
    await create(serverOwner, 'weekly', '0 12 * * 0', 'message', [
      channel(DEMO.channels.general),
      str('content', 'Sunday noon'),
      int('max_runs', 3),
    ]);
    const list = await slash(mia, 'schedule list');
    expect(list.description).toContain('**weekly** · `0 12 * * 0` UTC · `message` · runs 0 of 3 · next <t:');

    const info = await slash(mia, 'schedule info', [str('task', 'weekly')]);
    const fields = Object.fromEntries(info.fields!.map((f) => [f.name, f.value]));
    expect(fields['📊 Status']).toBe('🟢 Active');
    expect(fields['🔁 Runs']).toBe('0 of 3');
    const upcoming = fields['📅 Next 5 runs']!.split('\n');
    expect(upcoming).toHaveLength(3); // max_runs leaves three
    for (const line of upcoming) {
      expect(new Date(Number(/<t:(\d+):F>/.exec(line)![1]) * 1000).getUTCDay()).toBe(0);
    }

    const autocomplete = await interactWith(worker, {
      type: 4,
      user_id: mia,
      ...where,
      data: commandData('schedule info', [{ name: 'task', type: 3, value: 'wee', focused: true }]),
    });
    expect((autocomplete.body.data as any).choices.map((c: any) => c.value)).toEqual(['weekly']);

    expect((await slash(max, 'schedule toggle', [str('task', 'weekly')])).title).toBe('❌ Not your task');
    expect((await slash(max, 'schedule delete', [str('task', 'weekly')])).title).toBe('❌ Not your task');
    expect((await task('weekly'))!.enabled).toBe(1);

    expect((await slash(serverOwner, 'schedule toggle', [str('task', 'weekly')])).title).toBe(
      'ℹ️ Task turned off',
    );
    expect(await task('weekly')).toMatchObject({
      enabled: 0,
      status: 'paused',
      status_reason: `Turned off by <@${serverOwner}>.`,
    });
    const paused = await slash(mia, 'schedule info', [str('task', 'weekly')]);
    expect(field(paused, '📅 Next 5 runs')).toContain('None while the task is paused');

    const on = await slash(botOwner, 'schedule toggle', [str('task', 'weekly')]);
    expect(on.title).toBe('✅ Task turned on');
    expect(await task('weekly')).toMatchObject({ enabled: 1, status: 'active', status_reason: null });

    const id = (await task('weekly'))!.id;
    expect((await slash(botOwner, 'schedule delete', [str('task', id)])).title).toBe('✅ Task deleted');
    expect(await taskCount()).toBe(0);
    expect((await slash(mia, 'schedule info', [str('task', 'weekly')])).title).toBe('❌ Task not found');
  });

  it('refuses an extension task type while its extension is disabled in the server', async () => {
    await disableExtension('announcements', serverOwner);
    const refused = await create(serverOwner, 'news', '0 9 * * *', 'announcement', [
      channel(DEMO.channels.general),
      str('content', 'News | Body'),
    ]);
    expect(refused.title).toBe('❌ Invalid task type');
    expect(refused.description).toContain('**announcements** extension, which is not enabled');
    expect(await taskCount()).toBe(0);
  });
});
