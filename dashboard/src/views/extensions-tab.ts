/**
 * Extensions: one card per extension with its version, description, commands, its settings here (read only)
 * and a switch to enable or disable it in this server (the same rules as `/extensions`). The switch is disabled for required
 * extensions and without `settings`; a refusal (409) is shown on the card.
 */

import { api, describeError, guildPath } from '../api';
import { h, mount } from '../dom';
import { announce } from '../status';
import type { GuildExtension } from '../types';
import { badge, busy, card, errorBox, formMessage, loading } from '../ui';
import type { TabContext } from './guild-page';

export function extensionsTab(context: TabContext): HTMLElement {
  const el = h('div', { class: 'stack', 'data-testid': 'extensions-tab' });
  const path = guildPath(context.guild.id, '/extensions');
  const editable = context.guild.can.includes('settings');

  const render = (list: GuildExtension[]) => {
    mount(
      el,
      !editable &&
        h(
          'p',
          { class: 'alert info', 'data-testid': 'extensions-read-only' },
          'Read only: you can see the extensions but not switch them.',
        ),
      list.map((extension) => extensionCard(extension, editable, toggle)),
    );
  };

  const toggle = async (extension: GuildExtension, button: HTMLButtonElement) => {
    const enable = !extension.enabled;
    const next = await busy(button, () =>
      api.post<GuildExtension[]>(`${path}/${encodeURIComponent(extension.name)}`, { enabled: enable }),
    );
    render(next);
    el.querySelector<HTMLElement>(`[data-testid="extension-switch-${extension.name}"]`)?.focus();
    announce(`${extension.name} ${enable ? 'enabled' : 'disabled'}`);
  };

  const load = async () => {
    mount(el, loading('Loading the extensions…'));
    try {
      render(await api.get<GuildExtension[]>(path));
    } catch (error) {
      mount(el, errorBox(error, load));
    }
  };
  void load();
  return el;
}

type Toggle = (extension: GuildExtension, button: HTMLButtonElement) => Promise<void>;

/** The extension's settings in this server, folded away; its commands change them. */
function settingsList(extension: GuildExtension): HTMLElement {
  return h(
    'details',
    { 'data-testid': `extension-settings-${extension.name}` },
    h('summary', null, `Settings (${extension.settings.length})`),
    h(
      'dl',
      { class: 'settings-list' },
      extension.settings.flatMap((s) => [
        h('dt', { title: s.description }, s.key),
        h('dd', { 'data-testid': `extension-setting-${extension.name}-${s.key}` }, s.value),
      ]),
    ),
    extension.commands.length > 0 &&
      h(
        'p',
        { class: 'hint' },
        'Its commands change them: ',
        extension.commands.map((c) => `/${c}`).join(', '),
        '.',
      ),
  );
}

function extensionCard(extension: GuildExtension, editable: boolean, toggle: Toggle): HTMLElement {
  const { name } = extension;
  const message = formMessage(`extension-message-${name}`);
  const button = h(
    'button',
    {
      type: 'button',
      class: 'switch',
      'aria-pressed': String(extension.enabled),
      'aria-label': `${name} enabled`,
      'data-testid': `extension-switch-${name}`,
      disabled: !editable || extension.required,
    },
    h('span', { class: 'switch-track', 'aria-hidden': 'true' }),
    extension.enabled ? 'On' : 'Off',
  );
  button.addEventListener('click', async () => {
    message.show(null);
    try {
      await toggle(extension, button);
    } catch (error) {
      message.show(describeError(error));
    }
  });
  const needs = extension.dependencies.map((d) => `${d.name} ${d.range}`);
  return card(
    name,
    `extension-${name}`,
    h(
      'p',
      { class: 'badges' },
      badge(`v${extension.version}`),
      extension.required && badge('Required', 'accent'),
      !extension.required && extension.enabledByDefault && badge('On by default'),
    ),
    h('p', null, extension.description),
    extension.commands.length > 0 &&
      h('p', { class: 'muted' }, 'Commands: ', extension.commands.map((c) => `/${c}`).join(', ')),
    needs.length > 0 && h('p', { class: 'muted' }, 'Needs: ', needs.join(', ')),
    extension.conflicts.length > 0 &&
      h('p', { class: 'muted' }, 'Conflicts with: ', extension.conflicts.join(', ')),
    extension.settings.length > 0 && settingsList(extension),
    h('div', { class: 'actions' }, button),
    extension.blocked &&
      h(
        'p',
        { class: 'hint', 'data-testid': `extension-blocked-${name}` },
        extension.blockedReasons.join(' '),
      ),
    message.el,
  );
}
