import { env } from 'cloudflare:test';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { catalogue } from '../../worker/extensions/catalogue';
import { ALERT_CHANNEL_KEY, getAlertChannel } from '../../worker/hooks/alerts';
import { BREAKER } from '../../worker/hooks/hook-state';
import { extensionSource } from '../../worker/hooks/installed-extensions';
import { interact, resetEmulator } from './harness';
import {
  clearHookTables,
  commandPayload,
  envelopeOf,
  hookState,
  inlineBus,
  probeExtension,
  probeHook,
} from './hooks-helpers';

const fragile = probeExtension('fragile', [
  probeHook([], 'command_executed', 'breaks', {
    priority: 7,
    behave: () => {
      throw new Error('broken on purpose');
    },
  }),
]);
const extensions = [...catalogue, fragile];
const HOOK = 'command_executed:fragile.breaks';

beforeAll(() => {
  vi.spyOn(extensionSource, 'load').mockResolvedValue(extensions);
});
afterAll(() => {
  vi.restoreAllMocks();
});
beforeEach(async () => {
  await clearHookTables();
  await resetEmulator();
});

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const run = (name: string, options: unknown[] = [], user: string = DEMO.users.olive) =>
  interact({ type: 2, user_id: user, ...where, data: { name, options } });
const hookOption = (value: string) => [{ name: 'hook_id', type: 3, value }];
const embedOf = (res: Awaited<ReturnType<typeof run>>) => res.body.data.embeds[0];

/** Opens the hook's breaker the way production does: five failed runs. */
async function openBreaker() {
  const bus = inlineBus(extensions);
  for (let i = 0; i < BREAKER.threshold; i++) await bus.run(envelopeOf('command_executed', commandPayload()));
  expect((await hookState(HOOK))?.open_until).toBeGreaterThan(Date.now());
}

describe('eh_* commands', () => {
  it('are for the bot owner only', async () => {
    for (const name of ['eh_list', 'eh_history', 'eh_alert_channel']) {
      const res = await run(name, [], DEMO.users.ada);
      expect(embedOf(res).title).toContain('Bot owner only');
    }
    const res = await run('eh_disable', hookOption(HOOK), DEMO.users.ada);
    expect(embedOf(res).title).toContain('Bot owner only');
    expect(await hookState(HOOK)).toBeNull();
  });

  it('eh_list shows each hook with its priority, counters and state, and the metrics', async () => {
    await openBreaker();
    const res = await run('eh_list');
    expect(res.body.data.flags).toBe(64);
    const fields = embedOf(res).fields as { name: string; value: string }[];
    const event = fields.find((f) => f.name.startsWith('📡 command_executed'));
    expect(event?.value).toContain(`⚠️ breaker open`);
    expect(event?.value).toContain(`\`${HOOK}\` (p:7 | exec:5 | fail:5 | avg:`);
    const metricsField = fields.at(-1);
    expect(metricsField?.name).toBe('📊 Metrics');
    expect(metricsField?.value).toContain('Executions: **5** · Failures: **5**');
  });

  it('eh_disable and eh_enable switch a hook; enable also resets its breaker', async () => {
    await openBreaker();
    const off = await run('eh_disable', hookOption(HOOK));
    expect(embedOf(off).title).toContain('Hook disabled');
    expect(await hookState(HOOK)).toMatchObject({ disabled: 1 });
    const again = await run('eh_disable', hookOption(HOOK));
    expect(embedOf(again).title).toContain('Already disabled');
    const listed = await run('eh_list');
    expect(JSON.stringify(embedOf(listed).fields)).toContain(`🔴 disabled · ⚠️ breaker open until`);

    const on = await run('eh_enable', hookOption(HOOK));
    expect(embedOf(on).title).toContain('Hook enabled');
    expect(embedOf(on).description).toContain('circuit breaker was reset');
    expect(await hookState(HOOK)).toMatchObject({ disabled: 0, open_until: null, failures: '[]' });
  });

  it('eh_reset_circuit closes an open breaker, and says when the id does not exist', async () => {
    const unknown = await run('eh_reset_circuit', hookOption('command_executed:nobody.nothing'));
    expect(embedOf(unknown).title).toContain('Hook not found');
    expect(embedOf(unknown).description).toContain('`command_executed:nobody.nothing`');
    expect(await hookState('command_executed:nobody.nothing')).toBeNull();

    await openBreaker();
    const closed = await run('eh_reset_circuit', hookOption(HOOK));
    expect(embedOf(closed).title).toContain('Circuit closed');
    expect(await hookState(HOOK)).toMatchObject({ open_until: null, failures: '[]', disabled: 0 });
    const notOpen = await run('eh_reset_circuit', hookOption(HOOK));
    expect(embedOf(notOpen).title).toContain('Circuit was not open');
  });

  it('eh_disable refuses an unknown hook and writes nothing', async () => {
    const res = await run('eh_disable', hookOption('member_joined:ghost.boo'));
    expect(embedOf(res).title).toContain('Hook not found');
    expect(await hookState('member_joined:ghost.boo')).toBeNull();
  });

  it('suggests hook ids to owners only', async () => {
    const complete = (user: string) =>
      interact({
        type: 4,
        user_id: user,
        ...where,
        data: {
          name: 'eh_disable',
          options: [{ name: 'hook_id', type: 3, value: 'fragile', focused: true }],
        },
      });
    expect((await complete(DEMO.users.olive)).body.data.choices).toEqual([{ name: HOOK, value: HOOK }]);
    expect((await complete(DEMO.users.ada)).body.data.choices).toEqual([]);
  });

  it('eh_alert_channel stores the given channel, or this one by default', async () => {
    const given = await run('eh_alert_channel', [
      { name: 'channel', type: 7, value: DEMO.channels.announcements },
    ]);
    expect(embedOf(given).description).toContain(`<#${DEMO.channels.announcements}>`);
    expect(await getAlertChannel(env.DB)).toBe(DEMO.channels.announcements);
    await run('eh_alert_channel');
    expect(await getAlertChannel(env.DB)).toBe(DEMO.channels.general);
    const row = await env.DB.prepare('SELECT updated_by FROM framework_settings WHERE key = ?')
      .bind(ALERT_CHANNEL_KEY)
      .first<{ updated_by: string }>();
    expect(row?.updated_by).toBe(DEMO.users.olive);
  });
});
