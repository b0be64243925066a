import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { createApp } from '../../worker/app';
import { defineCommand, defineComponent } from '../../worker/framework/command';
import { option } from '../../worker/framework/options';
import { reply } from '../../worker/framework/reply';
import { type Fetcher, interactWith, resetEmulator, waitForRecord } from './harness';

const feedback = defineComponent({
  pattern: 'test.feedback/:topic',
  run: (ctx, { topic }) => reply.message({ content: `${topic}: ${ctx.fields.text}`, ephemeral: true }),
});

const testApp = createApp({
  commands: [
    defineCommand({
      name: 'boom',
      description: 'throws',
      category: 'Test',
      run() {
        throw new Error('secret internal detail at line 42');
      },
    }),
    defineCommand({
      name: 'slowboom',
      description: 'throws later',
      category: 'Test',
      run: () =>
        reply.defer(async () => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          throw new Error('secret deferred detail');
        }),
    }),
    defineCommand({
      name: 'form',
      description: 'opens a modal',
      category: 'Test',
      run: (ctx) =>
        reply.modal({
          custom_id: feedback.id(ctx, { topic: 'bugs' }),
          title: 'Feedback',
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.TextInput,
                  custom_id: 'text',
                  label: 'Text',
                  style: TextInputStyle.Short,
                },
              ],
            },
          ],
        }),
    }),
    defineCommand({
      name: 'perchannel',
      description: 'channel cooldown',
      category: 'Test',
      cooldown: { rate: 2, per: 30, scope: 'channel' },
      options: { n: option.number('a number', { minValue: 0.5 }) },
      run: (_ctx, { n }) => reply.message({ content: `ok ${n ?? '-'}` }),
    }),
    defineCommand({
      name: 'perguild',
      description: 'guild cooldown',
      category: 'Test',
      cooldown: { rate: 1, per: 30, scope: 'guild' },
      run: () => reply.message({ content: 'ok' }),
    }),
  ],
  components: [feedback],
});

/** Like Discord: the response is read first; background work (waitUntil) finishes afterwards. */
const pending: ExecutionContext[] = [];
const worker: Fetcher = {
  async fetch(request) {
    const ctx = createExecutionContext();
    pending.push(ctx);
    return testApp.fetch(request, env, ctx);
  },
};
const general = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const run = (user: string, name: string, at: object = general, options: unknown[] = []) =>
  interactWith(worker, { type: 2, user_id: user, ...at, data: { name, options } });

describe('framework behaviour', () => {
  afterEach(async () => {
    await Promise.all(pending.splice(0).map((ctx) => waitOnExecutionContext(ctx)));
  });
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.prepare('DELETE FROM cooldowns').run();
  });

  it('turns a throwing handler into a clean error, counted in the statistics', async () => {
    const res = await run(DEMO.users.max, 'boom');
    expect(res.status).toBe(200);
    expect(res.body.data.embeds[0].title).toBe('❌ Something went wrong');
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const row = await env.DB.prepare("SELECT uses, errors FROM command_stats WHERE command = 'boom'").first();
    expect(row).toEqual({ uses: 1, errors: 1 });
  });

  it('turns a failing deferred handler into a clean edit', async () => {
    const res = await run(DEMO.users.max, 'slowboom');
    expect(res.body.type).toBe(5);
    const record = await waitForRecord(res.id);
    expect(record.messages[0]?.embeds[0]?.title).toBe('❌ Something went wrong');
    expect(JSON.stringify(record)).not.toContain('secret deferred');
  });

  it('opens a modal and routes its submission with typed parameters and fields', async () => {
    const res = await run(DEMO.users.max, 'form');
    expect(res.body.type).toBe(9);
    const submitted = await interactWith(worker, {
      type: 5,
      user_id: DEMO.users.max,
      ...general,
      data: {
        custom_id: res.body.data.custom_id,
        components: [{ type: 1, components: [{ type: 4, custom_id: 'text', value: 'it works' }] }],
      },
    });
    expect(submitted.body.data).toMatchObject({ content: 'bugs: it works', flags: 64 });
  });

  it('validates number options with zod before the handler runs', async () => {
    const res = await run(DEMO.users.max, 'perchannel', general, [{ name: 'n', type: 10, value: 0.1 }]);
    expect(res.body.data.embeds[0].description).toContain('`n` must be at least 0.5');
  });

  it('keeps channel cooldowns per channel, shared by its members', async () => {
    expect((await run(DEMO.users.max, 'perchannel')).body.data.content).toBe('ok -');
    expect((await run(DEMO.users.mia, 'perchannel')).body.data.content).toBe('ok -');
    expect((await run(DEMO.users.ada, 'perchannel')).body.data.embeds[0].title).toContain('Slow down');
    const elsewhere = { guild_id: DEMO.guildId, channel_id: DEMO.channels.announcements };
    expect((await run(DEMO.users.ada, 'perchannel', elsewhere)).body.data.content).toBe('ok -');
  });

  it('keeps guild cooldowns per guild', async () => {
    expect((await run(DEMO.users.max, 'perguild')).body.data.content).toBe('ok');
    expect((await run(DEMO.users.ada, 'perguild')).body.data.embeds[0].title).toContain('Slow down');
    const other = { guild_id: DEMO.otherGuildId, channel_id: DEMO.channels.otherGeneral };
    expect((await run(DEMO.users.max, 'perguild', other)).body.data.content).toBe('ok');
  });
});
