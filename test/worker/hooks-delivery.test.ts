import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { createApp } from '../../worker/app';
import { catalogue } from '../../worker/extensions/catalogue';
import { defineExtension } from '../../worker/extensions/extension';
import { defineCommand } from '../../worker/framework/command';
import { option } from '../../worker/framework/options';
import { reply } from '../../worker/framework/reply';
import { defineHook } from '../../worker/hooks/hook-handler';
import { extensionSource } from '../../worker/hooks/installed-extensions';
import { freshGateway, post, startOne, tearDownShards, until } from './gateway-helpers';
import { emulator, type Fetcher, interact, interactWith, resetEmulator } from './harness';
import { clearHookTables } from './hooks-helpers';
import {
  cleanRestoreState,
  demoBackup,
  discord,
  openPreview,
  pressRestore,
  waitForMessageTitle,
} from './restore-helpers';

/**
 * End to end through the real worker: the production bus (the catalogue's extensions plus a probe, added by
 * swapping the one function that lists them), the real HOOK_EVENTS queue and its consumer.
 */
const calls: { event: string; payload: Record<string, unknown> }[] = [];
const probeEvents = [
  'command_executed',
  'command_error',
  'message_created',
  'reaction_added',
  'reaction_removed',
  'guild_joined',
  'guild_left',
  'extension_enabled',
  'extension_disabled',
  'backup_created',
  'restore_finished',
];
const probe = defineExtension({
  manifest: {
    name: 'probe',
    version: '1.0.0',
    author: 'Tests',
    description: 'Records every event it hears',
    listensTo: probeEvents,
  },
  hooks: probeEvents.map((event) =>
    defineHook({
      event,
      name: 'record',
      run: (_ctx, payload) => {
        calls.push({ event, payload: payload as unknown as Record<string, unknown> });
      },
    }),
  ),
});
const extensions = [...catalogue, probe];

beforeAll(() => {
  vi.spyOn(extensionSource, 'load').mockResolvedValue(extensions);
});
afterAll(() => {
  vi.restoreAllMocks();
});

const heard = (event: string, match: (payload: Record<string, unknown>) => boolean) =>
  until(
    `${event} to reach the probe`,
    async () => calls.find((c) => c.event === event && match(c.payload)),
    15_000,
  );

const general = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };

describe('events from commands', () => {
  beforeEach(async () => {
    calls.length = 0;
    await clearHookTables();
    await resetEmulator();
  });

  it('a slash command emits command_executed through the queue; a refused one emits nothing', async () => {
    const refused = await interact({
      type: 2,
      user_id: DEMO.users.ada,
      ...general,
      data: { name: 'eh_list' },
    });
    expect(refused.body.data.embeds[0].title).toContain('Bot owner only');
    const res = await interact({ type: 2, user_id: DEMO.users.max, ...general, data: { name: 'about' } });
    expect(res.body.data.embeds[0].title).toMatch(/Edgeward/);
    const call = await heard('command_executed', (p) => p.command === 'about');
    expect(call.payload).toEqual({
      command: 'about',
      userId: DEMO.users.max,
      guildId: DEMO.guildId,
      transport: 'slash',
    });
    expect(calls.filter((c) => c.payload.command === 'eh_list')).toEqual([]);
    expect(calls.filter((c) => c.event === 'command_error')).toEqual([]);
  });
});

describe('command_error', () => {
  const pending: ExecutionContext[] = [];
  const testApp = createApp({
    commands: [
      defineCommand({
        name: 'kaboom',
        description: 'throws',
        category: 'Test',
        run() {
          throw new Error('kaboom went wrong');
        },
      }),
      defineCommand({
        name: 'picky',
        description: 'wants a positive number',
        category: 'Test',
        options: { n: option.integer('a positive number', { required: true, minValue: 1 }) },
        run: () => reply.message({ content: 'ok' }),
      }),
    ],
    components: [],
  });
  const worker: Fetcher = {
    async fetch(request) {
      const ctx = createExecutionContext();
      pending.push(ctx);
      return testApp.fetch(request, env, ctx);
    },
  };

  beforeEach(async () => {
    calls.length = 0;
    await clearHookTables();
    await resetEmulator();
  });
  afterEach(async () => {
    await Promise.all(pending.splice(0).map((ctx) => waitOnExecutionContext(ctx)));
  });

  it('is emitted when a handler throws, not for invalid input', async () => {
    const invalid = await interactWith(worker, {
      type: 2,
      user_id: DEMO.users.max,
      ...general,
      data: { name: 'picky', options: [{ name: 'n', type: 4, value: 0 }] },
    });
    expect(invalid.body.data.embeds[0].title).toContain('Invalid input');
    const failed = await interactWith(worker, {
      type: 2,
      user_id: DEMO.users.max,
      ...general,
      data: { name: 'kaboom' },
    });
    expect(failed.body.data.embeds[0].title).toContain('Something went wrong');
    const call = await heard('command_error', (p) => p.command === 'kaboom');
    expect(call.payload).toEqual({
      command: 'kaboom',
      userId: DEMO.users.max,
      guildId: DEMO.guildId,
      transport: 'slash',
      error: 'Error: kaboom went wrong',
    });
    expect(calls.filter((c) => c.payload.command === 'picky')).toEqual([]);
    expect(calls.filter((c) => c.event === 'command_executed')).toEqual([]);
  });
});

describe('events from the gateway', () => {
  beforeEach(async () => {
    calls.length = 0;
    await clearHookTables();
    await freshGateway();
  });
  afterEach(() => tearDownShards(1));

  it('a message and a reaction reach their handlers', async () => {
    await startOne();
    const message = await post(DEMO.channels.general, DEMO.users.mia, 'hello hooks');
    const created = await heard('message_created', (p) => p.messageId === message.id);
    expect(created.payload).toMatchObject({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      authorId: DEMO.users.mia,
      authorBot: false,
      content: 'hello hooks',
    });
    const reaction = {
      channel_id: DEMO.channels.general,
      message_id: message.id,
      user_id: DEMO.users.max,
      emoji: { name: '👍' },
    };
    await emulator('/reactions', { body: reaction });
    const added = await heard('reaction_added', (p) => p.messageId === message.id);
    expect(added.payload).toEqual({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      messageId: message.id,
      userId: DEMO.users.max,
      emoji: { id: null, name: '👍' },
    });
    await emulator('/reactions', { method: 'DELETE', body: reaction });
    await heard('reaction_removed', (p) => p.messageId === message.id);
  });

  it('a bundled extension runs from real gateway events: a reaction gives the reaction role, removing it takes it', async () => {
    await env.DB.prepare('DELETE FROM guild_extensions').run();
    const slash = (name: string, options: unknown[] = []) =>
      interact({ type: 2, user_id: DEMO.users.ada, ...general, data: { name, options } });
    await slash('extensions enable', [{ name: 'name', type: 3, value: 'reaction-roles' }]);
    const link = `https://discord.com/channels/${DEMO.guildId}/${DEMO.channels.general}/${DEMO.messages.maxHello}`;
    const added = await slash('reactionroles add', [
      { name: 'message', type: 3, value: link },
      { name: 'emoji', type: 3, value: '🎮' },
      { name: 'role', type: 8, value: DEMO.roles.member },
    ]);
    expect(added.body.data.embeds[0].title).toContain('Reaction role added');
    await emulator(`/guilds/${DEMO.guildId}/members/${DEMO.users.olive}`, {
      method: 'PATCH',
      body: { roles: [] },
    });
    await startOne();
    const roles = async () =>
      ((await discord('GET', `/guilds/${DEMO.guildId}/members/${DEMO.users.olive}`)) as { roles: string[] })
        .roles;
    const reaction = {
      channel_id: DEMO.channels.general,
      message_id: DEMO.messages.maxHello,
      user_id: DEMO.users.olive,
      emoji: { name: '🎮' },
    };
    // MESSAGE_REACTION_ADD → the shard → HOOK_EVENTS → the consumer → reaction-roles → Discord.
    await emulator('/reactions', { body: reaction });
    await until('the role to be given', async () => (await roles()).includes(DEMO.roles.member));
    await emulator('/reactions', { method: 'DELETE', body: reaction });
    await until('the role to be taken', async () => !(await roles()).includes(DEMO.roles.member));
  });

  it('a guild the bot is added to emits guild_joined once; removal emits guild_left, an outage does not', async () => {
    await startOne();
    const added = '1300000000000000300';
    // A guild already in READY coming back is not a join.
    await emulator('/gateway/dispatch', {
      body: {
        shard: 0,
        t: 'GUILD_CREATE',
        d: { id: DEMO.otherGuildId, name: 'Other Guild', member_count: 2 },
      },
    });
    await emulator('/gateway/dispatch', {
      body: { shard: 0, t: 'GUILD_CREATE', d: { id: added, name: 'New Friends', member_count: 12 } },
    });
    const joined = await heard('guild_joined', (p) => p.guildId === added);
    expect(joined.payload).toEqual({ guildId: added, name: 'New Friends', memberCount: 12 });
    await emulator('/gateway/dispatch', {
      body: { shard: 0, t: 'GUILD_DELETE', d: { id: added, unavailable: true } },
    });
    await emulator('/gateway/dispatch', { body: { shard: 0, t: 'GUILD_DELETE', d: { id: added } } });
    await heard('guild_left', (p) => p.guildId === added);
    expect(calls.filter((c) => c.event === 'guild_joined')).toHaveLength(1);
    expect(calls.filter((c) => c.event === 'guild_left')).toHaveLength(1);
  });
});

describe('events from extensions, backups and restores', () => {
  beforeEach(async () => {
    calls.length = 0;
    await clearHookTables();
    await cleanRestoreState();
    await env.DB.prepare('DELETE FROM guild_extensions').run();
  });

  it('switching an extension on and off emits extension_enabled and extension_disabled', async () => {
    for (const action of ['enable', 'disable'] as const) {
      const res = await interact({
        type: 2,
        user_id: DEMO.users.ada,
        ...general,
        data: { name: `extensions ${action}`, options: [{ name: 'name', type: 3, value: 'welcome' }] },
      });
      expect(res.body.data.embeds[0].title).toMatch(/^✅/);
      const call = await heard(`extension_${action}d`, (p) => p.extension === 'welcome');
      expect(call.payload).toEqual({ guildId: DEMO.guildId, extension: 'welcome', by: DEMO.users.ada });
    }
  });

  it('a backup emits backup_created, and the restore of it restore_finished', async () => {
    const backup = await demoBackup('events');
    const created = await heard('backup_created', (p) => p.backupId === backup.id);
    expect(created.payload).toEqual({ guildId: DEMO.guildId, backupId: backup.id, trigger: 'manual' });

    // Someone deletes a channel: the restore has something to do.
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    const preview = await openPreview(backup.id, 'add');
    await pressRestore(preview);
    expect(await waitForMessageTitle(preview.id, /Restore finished/, 60_000)).toBe('✅ Restore finished');
    const finished = await heard('restore_finished', (p) => p.status === 'done');
    expect(finished.payload).toEqual({ guildId: DEMO.guildId, jobId: expect.any(String), status: 'done' });
    // The restore's safety backup is a backup too.
    expect((await heard('backup_created', (p) => p.trigger === 'safety')).payload.guildId).toBe(DEMO.guildId);
  });
});
