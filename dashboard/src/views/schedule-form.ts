/**
 * Automatic backups (in the Backups tab): the current schedule from `GET /api/guilds/:id/settings`, and a
 * form that turns it on (every 1–168 hours, failures reported in a text channel of the server or nowhere)
 * or off with `PUT /api/guilds/:id/schedule`. Disabled when `can` lacks `backups`.
 */

import { api, guildPath } from '../api';
import { type Child, h, mount } from '../dom';
import { formatAgo, formatTime } from '../format';
import { announce } from '../status';
import type { Channel, Schedule, ScheduleUpdate, Settings } from '../types';
import { badge, busy, errorBox, field, formMessage, loading, showErrors } from '../ui';
import { intervalHoursError } from '../validate';
import type { TabContext } from './guild-page';

const TEXT_CHANNEL = 0;
const CATEGORY = 4;
const PRESETS = [6, 12, 24, 48, 72, 168];

/** The schedule in words: "On every 24 hours · alerts in #backups · next in 3 hours (…)". */
export function scheduleSummary(schedule: Schedule | null, channels: Channel[]): Child[] {
  if (!schedule?.enabled) return [badge('Off'), ' (no automatic backups).'];
  const hours = schedule.intervalHours;
  const channel = schedule.alertChannelId && channels.find((c) => c.id === schedule.alertChannelId);
  return [
    badge('On', 'good'),
    ` every ${hours === 1 ? 'hour' : `${hours} hours`}`,
    schedule.alertChannelId
      ? [' · alerts in ', h('strong', null, channel ? `#${channel.name}` : 'an unknown channel')]
      : ' · no alert channel',
    schedule.nextRunAt
      ? h(
          'span',
          null,
          ' · next ',
          h(
            'time',
            { datetime: new Date(schedule.nextRunAt).toISOString(), title: formatTime(schedule.nextRunAt) },
            formatAgo(schedule.nextRunAt),
          ),
        )
      : '',
    '.',
  ];
}

export function scheduleCard(context: TabContext): HTMLElement {
  const guildId = context.guild.id;
  const body = h('div');
  const load = async () => {
    mount(body, loading('Loading the schedule…'));
    try {
      const settings = await api.get<Settings>(guildPath(guildId, '/settings'));
      mount(body, scheduleForm(context, settings.schedule));
    } catch (error) {
      mount(body, errorBox(error, load));
    }
  };
  void load();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'schedule-form-title', 'data-testid': 'schedule-card' },
    h('h2', { id: 'schedule-form-title' }, 'Automatic backups'),
    body,
  );
}

function scheduleForm(context: TabContext, initial: Schedule | null): HTMLElement {
  const guildId = context.guild.id;
  const channels = context.guild.channels;
  const editable = context.guild.can.includes('backups');
  const status = h('p', { class: 'current', 'data-testid': 'schedule-status' });

  const enabled = h('input', {
    type: 'checkbox',
    name: 'enabled',
    id: 'schedule-enabled',
    'data-testid': 'schedule-enabled',
    disabled: !editable,
  });
  const interval = h('input', {
    type: 'number',
    name: 'intervalHours',
    min: 1,
    max: 168,
    step: 1,
    inputmode: 'numeric',
    list: 'schedule-presets',
    class: 'short',
    'data-testid': 'schedule-interval',
  });
  const presets = h(
    'datalist',
    { id: 'schedule-presets' },
    PRESETS.map((n) => h('option', { value: n })),
  );
  const channel = h('select', { name: 'alertChannelId', 'data-testid': 'schedule-channel' });
  const intervalField = field(
    'Every (hours)',
    interval,
    '1 to 168 hours (a week). 24 is once a day.',
    'schedule-interval',
  );
  const channelField = field(
    'Alert channel',
    channel,
    'A text channel where failed automatic backups are reported.',
    'schedule-channel',
  );
  const message = formMessage('schedule-message');
  const save = h(
    'button',
    { type: 'submit', class: 'button primary', 'data-testid': 'schedule-save', disabled: !editable },
    'Save schedule',
  );

  const syncDisabled = () => {
    interval.disabled = !editable || !enabled.checked;
    channel.disabled = !editable || !enabled.checked;
  };
  const show = (schedule: Schedule | null) => {
    mount(status, scheduleSummary(schedule, channels));
    enabled.checked = !!schedule?.enabled;
    interval.value = String(schedule?.intervalHours ?? 24);
    mount(channel, channelOptions(channels, schedule?.alertChannelId ?? null));
    channel.value = schedule?.alertChannelId ?? '';
    intervalField.setError(null);
    channelField.setError(null);
    syncDisabled();
  };

  enabled.addEventListener('change', () => {
    syncDisabled();
    message.show(null);
  });
  interval.addEventListener('input', () => intervalField.setError(null));
  channel.addEventListener('change', () => channelField.setError(null));

  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'schedule-form', 'aria-labelledby': 'schedule-form-title' },
    status,
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { class: 'checkbox', for: 'schedule-enabled' },
        enabled,
        'Back up this server automatically',
      ),
    ),
    h('div', { class: 'field-row' }, intervalField.wrap, channelField.wrap),
    presets,
    h('div', { class: 'actions' }, save),
    message.el,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!editable) return;
    message.show(null);
    let update: ScheduleUpdate = { enabled: false };
    if (enabled.checked) {
      const problem = intervalHoursError(interval.value);
      intervalField.setError(problem);
      channelField.setError(null);
      if (problem) {
        interval.focus();
        return;
      }
      update = {
        enabled: true,
        intervalHours: Number(interval.value),
        alertChannelId: channel.value || null,
      };
    }
    try {
      const next = await busy(save, () => api.put<Settings>(guildPath(guildId, '/schedule'), update));
      show(next.schedule);
      const text = next.schedule?.enabled
        ? `Automatic backups on, every ${next.schedule.intervalHours} h.`
        : 'Automatic backups off.';
      message.show(text, true);
      announce(text);
    } catch (error) {
      showErrors(error, { intervalHours: intervalField, alertChannelId: channelField }, message);
      const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      invalid?.focus();
    }
  });

  show(initial);
  return form;
}

/** "No alerts", then the server's text channels under their categories (as `GET /api/guilds/:id` lists them). */
function channelOptions(channels: Channel[], current: string | null): Child[] {
  const categories = new Map(channels.filter((c) => c.type === CATEGORY).map((c) => [c.id, c.name]));
  const groups = new Map<string | null, Channel[]>();
  for (const c of channels) {
    if (c.type !== TEXT_CHANNEL) continue;
    const key = c.parentId && categories.has(c.parentId) ? c.parentId : null;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const option = (c: Channel) => h('option', { value: c.id }, `#${c.name}`);
  const known = channels.some((c) => c.id === current && c.type === TEXT_CHANNEL);
  return [
    h('option', { value: '' }, 'No alerts'),
    // A channel that was deleted (or is no longer text) stays visible until the user picks another.
    current && !known && h('option', { value: current }, `Unknown channel (${current})`),
    groups.get(null)?.map(option),
    [...groups]
      .filter(([key]) => key !== null)
      .map(([key, list]) => h('optgroup', { label: categories.get(key as string) ?? '' }, list.map(option))),
  ];
}
