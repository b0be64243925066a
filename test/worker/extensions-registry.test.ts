import { env } from 'cloudflare:test';
import type { APIMessage } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { extensions } from '../../worker/commands';
import { loadConfig } from '../../worker/config';
import { defineExtension } from '../../worker/extensions/extension';
import { postRegistryAlert } from '../../worker/extensions/registry-alerts';
import { createRegistry } from '../../worker/framework/registry';
import { createServices } from '../../worker/services';
import { emulator, interact, resetEmulator } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const str = (name: string, value: string) => ({ name, type: 3, value });
const slash = (user: string, name: string, options: unknown[] = []) =>
  interact({ type: 2, user_id: user, ...where, data: { name, options } });
const press = (user: string, messageId: string | undefined, customId: string, values?: string[]) =>
  interact({
    type: 3,
    user_id: user,
    ...where,
    message_id: messageId,
    data: {
      custom_id: customId,
      component_type: values ? ComponentType.StringSelect : ComponentType.Button,
      ...(values ? { values } : {}),
    },
  });
const setting = (key: string) =>
  env.DB.prepare('SELECT value, updated_by FROM framework_settings WHERE key = ?').bind(key).first();

const pages = Math.ceil(extensions.length / 5);

describe('extension catalogue and registry commands', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM framework_settings'),
      env.DB.prepare('DELETE FROM cooldowns'),
    ]);
  });

  it('/extensions browses five a page, with a menu that opens one and leads back', async () => {
    const res = await slash(DEMO.users.max, 'extensions browse');
    const embed = res.body.data.embeds[0];
    expect(embed.title).toBe('🧩 Extensions');
    expect(embed.description).toBe(`${extensions.length} extensions bundled with this bot · page 1/${pages}`);
    expect(embed.fields.map((f: any) => f.name)).toEqual(
      extensions
        .slice(0, 5)
        .map((e) => expect.stringContaining(`${e.manifest.name} · v${e.manifest.version}`)),
    );
    expect(embed.fields[0].name).toBe('🔒 core · v1.0.0');
    const next = res.body.data.components[1].components[1];
    const page2 = await press(DEMO.users.max, res.messageId, next.custom_id);
    expect(page2.body.type).toBe(7);
    expect(page2.body.data.embeds[0].description).toContain(`page 2/${pages}`);

    const sixth = extensions[5]?.manifest.name as string;
    const menu = page2.body.data.components[0].components[0];
    expect(menu.options.map((o: any) => o.value)).toContain(sixth);
    const opened = await press(DEMO.users.max, res.messageId, menu.custom_id, [sixth]);
    expect(opened.body.data.embeds[0].title).toBe(`🧩 ${sixth}`);
    const back = opened.body.data.components[0].components[0];
    expect(back.label).toBe('◀ Back to the list');
    const returned = await press(DEMO.users.max, res.messageId, back.custom_id);
    expect(returned.body.data.embeds[0].description).toContain(`page 2/${pages}`);
  });

  it('/extensions search looks at names, descriptions and details', async () => {
    const byDetails = await slash(DEMO.users.max, 'extensions search', [str('query', 'R2')]);
    expect(byDetails.body.data.embeds[0].fields.map((f: any) => f.name)).toEqual(['🔒 backups · v1.0.0']);
    const none = await slash(DEMO.users.ada, 'extensions search', [str('query', 'zzzz')]);
    expect(none.body.data.flags).toBe(64);
    expect(none.body.data.embeds[0].description).toContain('No extension matches');
    const missing = await slash(DEMO.users.mia, 'extensions search');
    expect(missing.body.data.embeds[0].description).toContain('`query` is required');
  });

  it('pr_list pages for the invoker only', async () => {
    const res = await slash(DEMO.users.max, 'pr_list');
    const embed = res.body.data.embeds[0];
    expect(embed.title).toBe('🔌 Registered extensions');
    expect(embed.description).toBe(`Total: ${extensions.length} · page 1/${pages}`);
    expect(embed.fields[0].name).toBe('✅ core');
    const [previous, next] = res.body.data.components[0].components;
    expect(previous.disabled).toBe(true);

    const stranger = await press(DEMO.users.ada, res.messageId, next.custom_id);
    expect(stranger.body.data.flags).toBe(64);
    expect(stranger.body.data.embeds[0].title).toContain('Not your menu');

    const turned = await press(DEMO.users.max, res.messageId, next.custom_id);
    expect(turned.body.type).toBe(7);
    expect(turned.body.data.embeds[0].description).toBe(`Total: ${extensions.length} · page 2/${pages}`);
    expect(turned.body.data.embeds[0].fields.map((f: any) => f.name.slice(2).trim())).toEqual(
      extensions.slice(5, 10).map((e) => e.manifest.name),
    );
  });

  it('pr_info shows version, author, commands, dependencies with their state, conflicts and cycle', async () => {
    const res = await slash(DEMO.users.max, 'pr_info', [str('name', 'settings')]);
    const embed = res.body.data.embeds[0];
    expect(embed.title).toBe('✅ settings');
    const fields = Object.fromEntries(embed.fields.map((f: any) => [f.name, f.value]));
    expect(fields.Information).toContain('**Version:** 1.0.0');
    expect(fields.Information).toContain('**Author:** Edgeward');
    expect(fields['Commands (4)']).toBe('`config`, `mentionprefix`, `serversettings`, `setprefix`');
    expect(fields.Dependencies).toBe('✅ All satisfied\n✅ `core` ^1.0.0 · found 1.0.0 · enabled here');
    expect(fields['Conflicts with']).toBe('None');
    expect(fields['Circular dependency']).toBe('None');
    const unknown = await slash(DEMO.users.ada, 'pr_info', [str('name', 'ghost')]);
    expect(unknown.body.data.embeds[0].title).toBe('❌ Unknown extension');
  });

  it('pr_validate is for the bot owner', async () => {
    const refused = await slash(DEMO.users.alan, 'pr_validate', [str('name', 'core')]);
    expect(refused.body.data.embeds[0].title).toContain('Bot owner only');
    const res = await slash(DEMO.users.olive, 'pr_validate', [str('name', 'core')]);
    expect(res.body.data.embeds[0].title).toBe('✅ core is valid');
  });

  it('pr_enforce toggles and persists a switch; others are refused and change nothing', async () => {
    const refused = await slash(DEMO.users.alan, 'pr_enforce', [str('mode', 'deps')]);
    expect(refused.body.data.embeds[0].title).toContain('Bot owner only');
    expect(await setting('extensions.enforcement')).toBeNull();

    const off = await slash(DEMO.users.olive, 'pr_enforce', [str('mode', 'deps')]);
    expect(off.body.data.embeds[0].title).toBe('⚠️ Dependency enforcement off');
    expect(await setting('extensions.enforcement')).toEqual({
      value: '{"dependencies":false,"conflicts":true}',
      updated_by: DEMO.users.olive,
    });
    const list = await slash(DEMO.users.max, 'pr_list');
    expect(list.body.data.embeds[0].footer.text).toContain('dependencies off, conflicts on');
    const on = await slash(DEMO.users.olive, 'pr_enforce', [str('mode', 'deps')]);
    expect(on.body.data.embeds[0].title).toBe('✅ Dependency enforcement on');
    expect((await setting('extensions.enforcement'))?.value).toBe('{"dependencies":true,"conflicts":true}');

    const bad = await slash(DEMO.users.olive, 'pr_enforce', [str('mode', 'everything')]);
    expect(bad.body.data.embeds[0].description).toContain('`mode` must be one of: deps, conflicts');
  });

  it('pr_alert_channel stores the channel and clears it', async () => {
    const set = await slash(DEMO.users.olive, 'pr_alert_channel', [
      { name: 'channel', type: 7, value: DEMO.channels.admins },
    ]);
    expect(set.body.data.embeds[0].description).toContain(`<#${DEMO.channels.admins}>`);
    expect((await setting('extensions.alert_channel'))?.value).toBe(
      JSON.stringify({ channelId: DEMO.channels.admins, guildId: DEMO.guildId }),
    );
    const cleared = await slash(DEMO.users.olive, 'pr_alert_channel');
    expect(cleared.body.data.embeds[0].title).toBe('ℹ️ Registry alerts off');
    expect((await setting('extensions.alert_channel'))?.value).toBe('null');
  });

  it('posts the problems of a set to the alert channel, rate-limited', async () => {
    const broken = [
      defineExtension({
        manifest: {
          name: 'levels',
          version: '1.0.0',
          author: 'Tests',
          description: 'Levels',
          dependencies: { xp: '^1.0.0' },
        },
      }),
    ];
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error('test configuration is incomplete');
    const registry = createRegistry({ extensions: broken, safeLimit: 95, warningLimit: 90 });
    const services = createServices(env, loaded.config, registry, () => {});
    expect(await postRegistryAlert(services, broken)).toBe('no-channel');
    await slash(DEMO.users.olive, 'pr_alert_channel', [
      { name: 'channel', type: 7, value: DEMO.channels.general },
    ]);
    await env.DB.prepare("DELETE FROM framework_settings WHERE key = 'extensions.last_alert'").run();
    expect(await postRegistryAlert(services, broken)).toBe('sent');
    expect(await postRegistryAlert(services, broken)).toBe('rate-limited');
    const messages = await emulator<APIMessage[]>(`/channels/${DEMO.channels.general}/messages`);
    const alerts = messages.filter((m) => m.embeds[0]?.title?.startsWith('🔌 Extension registry'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.embeds[0]?.description).toBe(
      '❌ "levels" depends on "xp" ^1.0.0, which is not in this build',
    );
  });
});
