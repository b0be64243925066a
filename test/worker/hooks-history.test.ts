import { env } from 'cloudflare:test';
import { ComponentType } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { HISTORY_LIMIT, HISTORY_PER_EVENT } from '../../worker/hooks/history';
import { interact, resetEmulator } from './harness';
import {
  clearHookTables,
  envelopeOf,
  historyRows,
  inlineBus,
  probeExtension,
  probeHook,
} from './hooks-helpers';

const EVENTS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];
const bus = inlineBus([
  probeExtension(
    'recorder',
    EVENTS.map((event) => probeHook([], event, 'r')),
  ),
]);
const emit = (event: string, n: number) =>
  Promise.all(Array.from({ length: n }, () => bus.run(envelopeOf(event, { guildId: null, content: event }))));

beforeEach(async () => {
  await clearHookTables();
  await resetEmulator();
});

describe('hook history', () => {
  it(`keeps the last ${HISTORY_PER_EVENT} of each event and the last ${HISTORY_LIMIT} overall`, async () => {
    for (let i = 0; i < 25; i++) await emit('alpha', 1);
    let rows = await historyRows();
    expect(rows).toHaveLength(HISTORY_PER_EVENT);
    // 6 more events × 18: 108 more entries, 128 in all → the oldest go first, whatever their event.
    for (const event of EVENTS.slice(1)) for (let i = 0; i < 18; i++) await emit(event, 1);
    rows = await historyRows();
    expect(rows).toHaveLength(HISTORY_LIMIT);
    const byEvent = Object.fromEntries(EVENTS.map((e) => [e, rows.filter((r) => r.event === e).length]));
    expect(byEvent).toEqual({ alpha: 0, beta: 10, gamma: 18, delta: 18, epsilon: 18, zeta: 18, eta: 18 });
  });
});

describe('eh_history', () => {
  const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
  const history = (limit?: number, user: string = DEMO.users.olive) =>
    interact({
      type: 2,
      user_id: user,
      ...where,
      data: {
        name: 'eh_history',
        options: limit === undefined ? [] : [{ name: 'limit', type: 4, value: limit }],
      },
    });

  it('says when nothing has run', async () => {
    const res = await history();
    expect(res.body.data.embeds[0].description).toContain('No events have run handlers yet');
    expect(res.body.data.components).toEqual([]);
  });

  it('stays within the 25-field limit and pages beyond it with buttons only the invoker can use', async () => {
    for (const event of EVENTS.slice(0, 3)) for (let i = 0; i < 12; i++) await emit(event, 1);
    const res = await history(30);
    const embed = res.body.data.embeds[0];
    expect(embed.fields).toHaveLength(10);
    expect(embed.footer.text).toBe('Page 1/3');
    expect(embed.fields[0].name).toBe('✅ gamma');
    expect(embed.fields[0].value).toContain('Succeeded: **1** · Failed: **0**');
    const [previous, next] = res.body.data.components[0].components;
    expect(previous.disabled).toBe(true);

    const press = (customId: string, user: string = DEMO.users.olive) =>
      interact({
        type: 3,
        user_id: user,
        ...where,
        message_id: res.messageId,
        data: { custom_id: customId, component_type: ComponentType.Button },
      });
    // The reply is ephemeral, so only its invoker sees it; the same button anywhere else is refused to others.
    const copy = await fetch(`${env.DISCORD_API_BASE}/channels/${DEMO.channels.general}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${env.DISCORD_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'copy', components: res.body.data.components }),
    });
    const other = await interact({
      type: 3,
      user_id: DEMO.users.ada,
      ...where,
      message_id: ((await copy.json()) as { id: string }).id,
      data: { custom_id: next.custom_id, component_type: ComponentType.Button },
    });
    expect(other.body.data.embeds[0].title).toContain('Not your menu');

    const page2 = await press(next.custom_id);
    expect(page2.body.type).toBe(7);
    expect(page2.body.data.embeds[0].footer.text).toBe('Page 2/3');
    const last = await press(page2.body.data.components[0].components[1].custom_id);
    const lastEmbed = last.body.data.embeds[0];
    expect(lastEmbed.footer.text).toBe('Page 3/3');
    // The newest 30 of 36 (12 gamma, 12 beta, 12 alpha, newest first): the oldest 6 alpha are not shown.
    expect(last.body.data.components[0].components[1].disabled).toBe(true);
    expect(lastEmbed.fields.map((f: any) => f.name)).toEqual([
      ...Array(4).fill('✅ beta'),
      ...Array(6).fill('✅ alpha'),
    ]);
  });

  it('lists failures with the hook and its error', async () => {
    const failing = inlineBus([
      probeExtension('sad', [
        probeHook([], 'alpha', 'oops', {
          behave: () => {
            throw new TypeError('bad input');
          },
        }),
      ]),
    ]);
    await failing.run(envelopeOf('alpha', { guildId: DEMO.guildId }));
    const res = await history();
    const field = res.body.data.embeds[0].fields[0];
    expect(field.name).toBe('❌ alpha');
    expect(field.value).toContain(`server \`${DEMO.guildId}\``);
    expect(field.value).toContain('↳ `alpha:sad.oops`: TypeError: bad input');
  });
});
