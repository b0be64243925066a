/**
 * Settings: the prefix, the mention prefix, role requirements, and (read only, changed in the Backups tab)
 * the backup schedule. Everything is disabled when `can` lacks `settings`.
 */

import { ApiError, api, describeError, guildPath } from '../api';
import { h, mount } from '../dom';
import { guildUrl } from '../router';
import { announce } from '../status';
import type { Settings } from '../types';
import { badge, busy, errorBox, field, formMessage, loading, showErrors } from '../ui';
import { prefixError } from '../validate';
import type { TabContext } from './guild-page';
import { roleRequirementsSection } from './role-requirements';
import { scheduleSummary } from './schedule-form';

export function settingsTab(context: TabContext): HTMLElement {
  const el = h('div', { class: 'stack', 'data-testid': 'settings-tab' });
  const load = async () => {
    mount(el, loading('Loading the settings…'));
    try {
      const settings = await api.get<Settings>(guildPath(context.guild.id, '/settings'));
      render(settings);
    } catch (error) {
      mount(el, errorBox(error, load));
    }
  };
  const render = (initial: Settings) => {
    const editable = context.guild.can.includes('settings');
    const sections: { update(s: Settings): void }[] = [];
    const save = (settings: Settings) => {
      for (const section of sections) section.update(settings);
    };
    const prefix = prefixSection(context.guild.id, editable, save);
    const mention = mentionSection(context.guild.id, editable, save);
    const requirements = roleRequirementsSection(context, editable, save);
    const schedule = scheduleSection(context);
    sections.push(prefix, mention, requirements, schedule);
    mount(
      el,
      !editable &&
        h(
          'p',
          { class: 'alert info', 'data-testid': 'settings-read-only' },
          'Read only: you can see these settings but not change them.',
        ),
      prefix.el,
      mention.el,
      requirements.el,
      schedule.el,
    );
    save(initial);
  };
  void load();
  return el;
}

type Saved = (settings: Settings) => void;

function prefixSection(guildId: string, editable: boolean, saved: Saved) {
  const input = h('input', {
    type: 'text',
    name: 'prefix',
    autocomplete: 'off',
    spellcheck: 'false',
    class: 'short',
    'data-testid': 'prefix-input',
    disabled: !editable,
  });
  const hint = h('span');
  const prefixField = field('Prefix', input, hint, 'prefix');
  const current = h('p', { class: 'current', 'data-testid': 'prefix-current' });
  const message = formMessage('prefix-message');
  const saveButton = h(
    'button',
    { type: 'submit', class: 'button primary', 'data-testid': 'prefix-save', disabled: !editable },
    'Save prefix',
  );
  const resetButton = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'prefix-reset', disabled: !editable },
    'Reset to default',
  );
  let settings: Settings | null = null;

  const send = async (value: string | null, button: HTMLButtonElement) => {
    message.show(null);
    prefixField.setError(null);
    try {
      const next = await busy(button, () =>
        api.patch<Settings>(guildPath(guildId, '/settings'), { prefix: value }),
      );
      saved(next);
      const text = next.customPrefix
        ? `Prefix saved: ${next.prefix}`
        : `Prefix reset to the default (${next.prefix})`;
      message.show(text, true);
      announce(text);
    } catch (error) {
      showErrors(error, { prefix: prefixField }, message);
    }
  };

  input.addEventListener('input', () => prefixField.setError(null));
  resetButton.addEventListener('click', () => void send(null, resetButton));
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'prefix-form', novalidate: true, 'aria-labelledby': 'prefix-title' },
    h('h2', { id: 'prefix-title' }, 'Prefix'),
    current,
    prefixField.wrap,
    h('div', { class: 'actions' }, saveButton, resetButton),
    message.el,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = prefixError(input.value);
    prefixField.setError(problem);
    if (problem) {
      input.focus();
      return;
    }
    void send(input.value, saveButton);
  });

  return {
    el: form,
    update(next: Settings) {
      settings = next;
      input.value = settings.prefix;
      mount(
        current,
        'Commands start with ',
        h('code', null, settings.prefix),
        ' ',
        settings.customPrefix ? badge('Custom', 'accent') : badge('Default'),
      );
      mount(
        hint,
        `1 to 5 characters, no spaces. The default is `,
        h('code', null, settings.defaultPrefix),
        '.',
      );
      resetButton.disabled = !editable || !settings.customPrefix;
    },
  };
}

function mentionSection(guildId: string, editable: boolean, saved: Saved) {
  const choices = [
    { value: 'on', label: 'On', setting: true },
    { value: 'off', label: 'Off', setting: false },
    { value: 'default', label: "The bot's default", setting: null },
  ] as const;
  const radios = choices.map((choice) =>
    h('input', {
      type: 'radio',
      name: `mention-${guildId}`,
      value: choice.value,
      id: `mention-${choice.value}`,
      'data-testid': `mention-${choice.value}`,
      disabled: !editable,
    }),
  );
  const state = h('p', { class: 'current', 'data-testid': 'mention-current' });
  const message = formMessage('mention-message');
  const saveButton = h(
    'button',
    { type: 'submit', class: 'button primary', 'data-testid': 'mention-save', disabled: !editable },
    'Save',
  );
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'mention-form' },
    h(
      'fieldset',
      null,
      h('legend', null, h('h2', null, 'Mention prefix')),
      state,
      h(
        'div',
        { class: 'radios' },
        choices.map((choice, i) =>
          h('label', { class: 'radio', for: `mention-${choice.value}` }, radios[i], choice.label),
        ),
      ),
    ),
    h('div', { class: 'actions' }, saveButton),
    message.el,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const index = radios.findIndex((r) => r.checked);
    const choice = choices[index];
    if (!choice) return;
    message.show(null);
    try {
      const next = await busy(saveButton, () =>
        api.patch<Settings>(guildPath(guildId, '/settings'), { mentionPrefix: choice.setting }),
      );
      saved(next);
      const text = `Mention prefix ${next.mentionPrefix ? 'on' : 'off'}${next.mentionSetting === null ? ' (default)' : ''}`;
      message.show(text, true);
      announce(text);
    } catch (error) {
      const fromServer = error instanceof ApiError ? error.fields.mentionPrefix : undefined;
      message.show(fromServer ?? describeError(error));
    }
  });
  return {
    el: form,
    update(settings: Settings) {
      const value = settings.mentionSetting === null ? 'default' : settings.mentionSetting ? 'on' : 'off';
      for (const radio of radios) radio.checked = radio.value === value;
      mount(
        state,
        'Commands by @mention (',
        h('code', null, '@Edgeward help'),
        ') are ',
        h('strong', null, settings.mentionPrefix ? 'on' : 'off'),
        settings.mentionSetting === null ? ' (the default).' : '.',
      );
    },
  };
}

function scheduleSection(context: TabContext) {
  const body = h('div', { 'data-testid': 'schedule' });
  return {
    el: h(
      'section',
      { class: 'card', 'aria-labelledby': 'schedule-title' },
      h('h2', { id: 'schedule-title' }, 'Automatic backups'),
      body,
    ),
    update(settings: Settings) {
      mount(
        body,
        h('p', null, scheduleSummary(settings.schedule, context.guild.channels)),
        h(
          'p',
          { class: 'hint' },
          'Change the schedule in the ',
          h('a', { href: guildUrl(context.guild.id, 'backups') }, 'Backups tab'),
          ' or with ',
          h('code', null, '/backupschedule'),
          ' in Discord.',
        ),
      );
    },
  };
}
