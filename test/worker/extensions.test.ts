import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { createApp } from '../../worker/app';
import { coreExtension } from '../../worker/commands/core/extension';
import { defineExtension } from '../../worker/extensions/extension';
import { defineCommand, defineComponent } from '../../worker/framework/command';
import { reply } from '../../worker/framework/reply';
import { type Fetcher, interactWith, resetEmulator } from './harness';

/** A small set with a dependency (levels → xp) and a conflict (filter ✕ automod), all off by default. */
const claim = defineComponent({
  pattern: 'xp.claim',
  run: () => reply.update({ content: 'claimed' }),
});
const xp = defineExtension({
  manifest: {
    name: 'xp',
    version: '1.2.0',
    author: 'Tests',
    description: 'Experience points',
    enabledByDefault: false,
    commands: ['xp_points'],
    components: ['xp.claim'],
  },
  commands: [
    defineCommand({
      name: 'xp_points',
      description: 'Your points',
      category: 'Levels',
      run: (ctx) =>
        reply.message({
          content: 'You have 10 points',
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.Button,
                  style: ButtonStyle.Primary,
                  label: 'Claim',
                  custom_id: claim.id(ctx, {}),
                },
              ],
            },
          ],
        }),
    }),
  ],
  components: [claim],
});
const levels = defineExtension({
  manifest: {
    name: 'levels',
    version: '1.0.0',
    author: 'Tests',
    description: 'Levels from experience points',
    enabledByDefault: false,
    dependencies: { xp: '^1.0.0' },
    commands: ['rank'],
  },
  commands: [
    defineCommand({
      name: 'rank',
      description: 'Your rank',
      category: 'Levels',
      run: () => reply.message({ content: 'Rank 1' }),
    }),
  ],
});
const automod = defineExtension({
  manifest: {
    name: 'automod',
    version: '1.0.0',
    author: 'Tests',
    description: 'Moderation',
    enabledByDefault: false,
  },
});
const filter = defineExtension({
  manifest: {
    name: 'filter',
    version: '1.0.0',
    author: 'Tests',
    description: 'Word filter',
    enabledByDefault: false,
    conflicts: ['automod'],
  },
});

/** Depends on an extension this build does not have: the set starts, the registry refuses this one. */
const orphan = defineExtension({
  manifest: {
    name: 'orphan',
    version: '1.0.0',
    author: 'Tests',
    description: 'Needs a missing extension',
    dependencies: { ghost: '^1.0.0' },
    commands: ['orphan_ping'],
  },
  commands: [
    defineCommand({
      name: 'orphan_ping',
      description: 'Ping',
      category: 'Test',
      run: () => reply.message({ content: 'pong' }),
    }),
  ],
});

const pending: ExecutionContext[] = [];
function fetcher(app: ReturnType<typeof createApp>): Fetcher {
  return {
    async fetch(request) {
      const ctx = createExecutionContext();
      pending.push(ctx);
      return app.fetch(request, env, ctx);
    },
  };
}
const worker = fetcher(createApp({ extensions: [coreExtension, xp, levels, automod, filter] }));
const orphanWorker = fetcher(createApp({ extensions: [coreExtension, orphan] }));

const general = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const other = { guild_id: DEMO.otherGuildId, channel_id: DEMO.channels.otherGeneral };
const str = (name: string, value: string) => ({ name, type: 3, value });
const run = (user: string, name: string, options: unknown[] = [], at: object = general) =>
  interactWith(worker, { type: 2, user_id: user, ...at, data: { name, options } });
const toggle = (user: string, action: 'enable' | 'disable', name: string, at: object = general) =>
  run(user, `extensions ${action}`, [str('name', name)], at);

const stored = () =>
  env.DB.prepare(
    'SELECT guild_id, extension, enabled, updated_by FROM guild_extensions ORDER BY extension',
  ).all();

describe('extensions per guild', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM guild_extensions'),
      env.DB.prepare('DELETE FROM framework_settings'),
      env.DB.prepare("DELETE FROM audit_log WHERE action LIKE 'extension.%'"),
      env.DB.prepare('DELETE FROM cooldowns'),
    ]);
  });
  afterEach(async () => {
    await Promise.all(pending.splice(0).map((ctx) => waitOnExecutionContext(ctx)));
  });

  it('answers a disabled extension’s command with "not enabled in this server"', async () => {
    const res = await run(DEMO.users.max, 'rank');
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].title).toBe('❌ Not enabled in this server');
    expect(res.body.data.embeds[0].description).toContain('the **levels** extension');
    expect(res.body.data.embeds[0].description).toContain('/extensions enable name:levels');
  });

  it('refuses to enable while a dependency is disabled, naming it, and writes nothing', async () => {
    const res = await toggle(DEMO.users.mia, 'enable', 'levels');
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].title).toBe('❌ Cannot enable levels');
    expect(res.body.data.embeds[0].description).toBe(
      '**levels** depends on **xp**, disabled in this server. Enable it first.',
    );
    expect((await stored()).results).toEqual([]);
  });

  it('enables per guild with an audit row, then refuses to disable a dependency still in use', async () => {
    const first = await toggle(DEMO.users.mia, 'enable', 'xp');
    expect(first.body.data.embeds[0].title).toBe('✅ Enabled xp');
    expect((await toggle(DEMO.users.mia, 'enable', 'levels')).body.data.embeds[0].title).toBe(
      '✅ Enabled levels',
    );
    expect((await run(DEMO.users.max, 'rank')).body.data.content).toBe('Rank 1');

    const elsewhere = await run(DEMO.users.max, 'rank', [], other);
    expect(elsewhere.body.data.embeds[0].title).toBe('❌ Not enabled in this server');

    expect((await stored()).results).toEqual([
      { guild_id: DEMO.guildId, extension: 'levels', enabled: 1, updated_by: DEMO.users.mia },
      { guild_id: DEMO.guildId, extension: 'xp', enabled: 1, updated_by: DEMO.users.mia },
    ]);
    const audit = await env.DB.prepare(
      "SELECT guild_id, actor_id, action, details FROM audit_log WHERE action LIKE 'extension.%' ORDER BY id",
    ).all();
    expect(audit.results).toEqual([
      {
        guild_id: DEMO.guildId,
        actor_id: DEMO.users.mia,
        action: 'extension.enable',
        details: '{"extension":"xp"}',
      },
      {
        guild_id: DEMO.guildId,
        actor_id: DEMO.users.mia,
        action: 'extension.enable',
        details: '{"extension":"levels"}',
      },
    ]);

    const refused = await toggle(DEMO.users.mia, 'disable', 'xp');
    expect(refused.body.data.embeds[0].title).toBe('❌ Cannot disable xp');
    expect(refused.body.data.embeds[0].description).toBe(
      '**levels** depends on **xp** and is enabled in this server. Disable it first.',
    );

    expect((await toggle(DEMO.users.mia, 'disable', 'levels')).body.data.embeds[0].title).toBe(
      '✅ Disabled levels',
    );
    expect((await run(DEMO.users.max, 'rank')).body.data.embeds[0].title).toBe(
      '❌ Not enabled in this server',
    );
    const again = await toggle(DEMO.users.mia, 'disable', 'levels');
    expect(again.body.data.embeds[0].title).toBe('ℹ️ Already disabled');
  });

  it('refuses to enable an extension that conflicts with an enabled one, whichever side declared it', async () => {
    await toggle(DEMO.users.mia, 'enable', 'automod');
    const res = await toggle(DEMO.users.mia, 'enable', 'filter');
    expect(res.body.data.embeds[0].title).toBe('❌ Cannot enable filter');
    expect(res.body.data.embeds[0].description).toContain(
      'conflicts with **automod**, enabled in this server',
    );
    await toggle(DEMO.users.mia, 'disable', 'automod');
    expect((await toggle(DEMO.users.mia, 'enable', 'filter')).body.data.embeds[0].title).toBe(
      '✅ Enabled filter',
    );
    const reverse = await toggle(DEMO.users.mia, 'enable', 'automod');
    expect(reverse.body.data.embeds[0].description).toContain('**automod** conflicts with **filter**');
  });

  it('allows it with a warning once the owner turns conflict enforcement off', async () => {
    await toggle(DEMO.users.mia, 'enable', 'automod');
    const off = await run(DEMO.users.olive, 'pr_enforce', [str('mode', 'conflicts')]);
    expect(off.body.data.embeds[0].title).toBe('⚠️ Conflict enforcement off');
    const res = await toggle(DEMO.users.mia, 'enable', 'filter');
    expect(res.body.data.embeds[0].title).toBe('✅ Enabled filter');
    expect(res.body.data.embeds[0].fields[0].value).toContain('conflicts with **automod**');
  });

  it('needs Manage Server to enable or disable, and refuses to disable a required extension', async () => {
    const member = await toggle(DEMO.users.max, 'enable', 'xp');
    expect(member.body.data.embeds[0].title).toBe('❌ Missing permissions');
    expect(member.body.data.embeds[0].description).toContain('**Manage Server**');
    const required = await toggle(DEMO.users.alan, 'disable', 'core');
    expect(required.body.data.embeds[0].title).toBe('❌ Required extension');
    const unknown = await toggle(DEMO.users.alan, 'enable', 'nope');
    expect(unknown.body.data.embeds[0].title).toBe('❌ Unknown extension');
    expect(unknown.body.data.embeds[0].description).toContain('`levels`');
    expect((await stored()).results).toEqual([]);
  });

  it('refuses the buttons of an extension disabled since they were sent', async () => {
    await toggle(DEMO.users.mia, 'enable', 'xp');
    const points = await run(DEMO.users.max, 'xp_points');
    const button = points.body.data.components[0].components[0];
    const press = () =>
      interactWith(worker, {
        type: 3,
        user_id: DEMO.users.max,
        ...general,
        message_id: points.messageId,
        data: { custom_id: button.custom_id, component_type: ComponentType.Button },
      });
    expect((await press()).body.data.content).toBe('claimed');
    await toggle(DEMO.users.mia, 'disable', 'xp');
    const refused = await press();
    expect(refused.body.data.flags).toBe(64);
    expect(refused.body.data.embeds[0].title).toBe('❌ Not enabled in this server');
    expect(refused.body.data.embeds[0].description).toContain(
      'This button or menu belongs to the **xp** extension',
    );
  });

  it('refuses an extension with an unmet dependency while dependency enforcement is on', async () => {
    const ping = () =>
      interactWith(orphanWorker, {
        type: 2,
        user_id: DEMO.users.max,
        ...general,
        data: { name: 'orphan_ping' },
      });
    const refused = await ping();
    expect(refused.body.data.embeds[0].title).toBe('❌ Extension unavailable');
    expect(refused.body.data.embeds[0].description).toContain(
      '"orphan" depends on "ghost" ^1.0.0, which is not in this build',
    );
    await interactWith(orphanWorker, {
      type: 2,
      user_id: DEMO.users.olive,
      ...general,
      data: { name: 'pr_enforce', options: [str('mode', 'deps')] },
    });
    expect((await ping()).body.data.content).toBe('pong');
  });

  it('refuses to build the app from a set with a cycle, naming the path', () => {
    const loop = (name: string, on: string) =>
      defineExtension({
        manifest: {
          name,
          version: '1.0.0',
          author: 'Tests',
          description: name,
          dependencies: { [on]: '^1.0.0' },
        },
      });
    expect(() => createApp({ extensions: [loop('first', 'second'), loop('second', 'first')] })).toThrow(
      'The extension set is broken, so Edgeward refuses to start:\n  - dependency cycle: first → second → first',
    );
  });

  it('shows the state here in /extensions info and in pr_info', async () => {
    await toggle(DEMO.users.mia, 'enable', 'xp');
    const info = await run(DEMO.users.max, 'extensions info', [str('name', 'levels')]);
    const fields = Object.fromEntries(info.body.data.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(fields['In this server']).toBe('⚪ Disabled');
    expect(fields['Depends on']).toBe('`xp ^1.0.0`');
    const pr = await run(DEMO.users.max, 'pr_info', [str('name', 'levels')]);
    const prFields = Object.fromEntries(pr.body.data.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(prFields.Dependencies).toBe('✅ All satisfied\n✅ `xp` ^1.0.0 · found 1.2.0 · enabled here');
    const filterInfo = await run(DEMO.users.ada, 'pr_info', [str('name', 'automod')]);
    const conflicts = filterInfo.body.data.embeds[0].fields.find((f: any) => f.name === 'Conflicts with');
    expect(conflicts.value).toBe('• `filter` · declared by filter · not active · disabled here');
  });
});
