import { env } from 'cloudflare:test';
import { ComponentType } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { commands } from '../../worker/commands';
import { helpComponents } from '../../worker/commands/core/help';
import { interact, resetEmulator } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };

async function openHelp(user: string = DEMO.users.max) {
  const res = await interact({ type: 2, user_id: user, ...where, data: { name: 'help' } });
  expect(res.status).toBe(200);
  return res;
}

/** A message the bot sent earlier (e.g. by an older version), carrying one button. */
async function botMessageWithButton(customId: string): Promise<string> {
  const res = await fetch(`${env.DISCORD_API_BASE}/channels/${DEMO.channels.general}/messages`, {
    method: 'POST',
    headers: { authorization: `Bot ${env.DISCORD_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      content: 'An old menu',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Old', custom_id: customId }] }],
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

function selectOf(data: any) {
  return data.components[0].components[0];
}

describe('/help', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.prepare('DELETE FROM cooldowns').run();
  });

  it('shows the categories, the prefix and a category menu', async () => {
    const res = await openHelp();
    const embed = res.body.data.embeds[0];
    expect(embed.title).toBe('📚 Help');
    expect(embed.description).toContain('`!`');
    const select = selectOf(res.body.data);
    expect(select.type).toBe(ComponentType.StringSelect);
    // The framework's categories first, then those of the other bundled extensions; Owner is hidden.
    const categories = select.options.map((o: any) => o.value);
    expect(categories.slice(0, 3)).toEqual(['Core', 'Settings', 'Backups']);
    expect(categories).toEqual([...new Set(commands.filter((c) => !c.ownerOnly).map((c) => c.category))]);
    expect(categories).not.toContain('Owner');
  });

  it('shows owner commands only to the bot owner', async () => {
    const res = await openHelp(DEMO.users.olive);
    expect(selectOf(res.body.data).options.map((o: any) => o.value)).toContain('Owner');
  });

  it('opens a category with each command’s slash/prefix indicator', async () => {
    const res = await openHelp();
    const select = selectOf(res.body.data);
    const page = await interact({
      type: 3,
      user_id: DEMO.users.max,
      ...where,
      message_id: res.messageId,
      data: { custom_id: select.custom_id, component_type: ComponentType.StringSelect, values: ['Settings'] },
    });
    expect(page.body.type).toBe(7);
    const embed = page.body.data.embeds[0];
    expect(embed.title).toBe('📂 Settings');
    expect(embed.fields.map((f: any) => f.name)).toEqual([
      '⚡ setprefix',
      '⚡ mentionprefix',
      '⚡ serversettings',
      '⚡ config',
    ]);
    expect(embed.fields[0].value).toContain('`!setprefix <prefix>`');
    expect(embed.description).toContain('Page** 1/1');
  });

  it('refuses another user’s menu', async () => {
    const res = await openHelp(DEMO.users.max);
    const other = await interact({
      type: 3,
      user_id: DEMO.users.ada,
      ...where,
      message_id: res.messageId,
      data: { custom_id: selectOf(res.body.data).custom_id, component_type: 3, values: ['Core'] },
    });
    expect(other.body.type).toBe(4);
    expect(other.body.data.flags).toBe(64);
    expect(other.body.data.embeds[0].title).toContain('Not your menu');
  });

  it('says when a menu has expired', async () => {
    const stale = helpComponents.home.id({ user: { id: DEMO.users.max } }, {}, Date.now() - 181_000);
    const old = await botMessageWithButton(stale);
    const pressed = await interact({
      type: 3,
      user_id: DEMO.users.max,
      ...where,
      message_id: old,
      data: { custom_id: stale, component_type: ComponentType.Button },
    });
    expect(pressed.body.data.flags).toBe(64);
    expect(pressed.body.data.embeds[0].title).toContain('Menu expired');
  });

  it('answers a component it does not know with an ephemeral message, not an error', async () => {
    const old = await botMessageWithButton('old_button_from_v0');
    const pressed = await interact({
      type: 3,
      user_id: DEMO.users.max,
      ...where,
      message_id: old,
      data: { custom_id: 'old_button_from_v0', component_type: ComponentType.Button },
    });
    expect(pressed.status).toBe(200);
    expect(pressed.body.data.embeds[0].title).toContain('Outdated component');
  });

  it('goes back to the categories', async () => {
    const res = await openHelp();
    const page = await interact({
      type: 3,
      user_id: DEMO.users.max,
      ...where,
      message_id: res.messageId,
      data: { custom_id: selectOf(res.body.data).custom_id, component_type: 3, values: ['Core'] },
    });
    const home = page.body.data.components[1].components.at(-1);
    expect(home.label).toBe('🏠 Back');
    const back = await interact({
      type: 3,
      user_id: DEMO.users.max,
      ...where,
      message_id: res.messageId,
      data: { custom_id: home.custom_id, component_type: ComponentType.Button },
    });
    expect(back.body.type).toBe(7);
    expect(back.body.data.embeds[0].title).toBe('📚 Help');
  });
});
