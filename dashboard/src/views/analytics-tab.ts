/**
 * Analytics (`GET /api/guilds/:id/analytics`): backups per day over the last 30 days (columns, a text
 * summary and the numbers as a table), storage (stored bytes, the largest backup, backups by kind) and this
 * server's command usage (bars with uses and error rates). Read only, for everyone who can see the server.
 */

import { api, guildPath } from '../api';
import { h, mount, uid } from '../dom';
import { formatBytes, percent, plural } from '../format';
import type { Analytics, BackupKind } from '../types';
import { card, empty, errorBox, loading } from '../ui';
import { KIND_LABELS } from './backup-card';
import { barList, columnChart, stackedBar } from './charts';
import type { TabContext } from './guild-page';

/** Error rates from this share up are shown as a problem (as in the owner view). */
const HIGH_ERROR_RATE = 0.05;
const KINDS: BackupKind[] = ['manual', 'auto', 'import', 'safety'];

// perDay's days are UTC calendar days.
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dayLabel = (day: string, long = false) => {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return (long ? longDayFormat : dayFormat).format(date);
};

export function analyticsTab(context: TabContext): HTMLElement {
  const el = h('div', { class: 'stack', 'data-testid': 'analytics-tab' });
  const load = async () => {
    mount(el, loading('Loading the analytics…'));
    try {
      const data = await api.get<Analytics>(guildPath(context.guild.id, '/analytics'));
      mount(el, backupsCard(data), storageCard(data), commandsCard(data));
    } catch (error) {
      mount(el, errorBox(error, load));
    }
  };
  void load();
  return el;
}

function backupsCard(data: Analytics): HTMLElement {
  const days = data.backups.perDay;
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const title = `Backups per day (last ${days.length} days)`;
  if (!total)
    return card(
      title,
      'analytics-backups-chart',
      empty('No backups in the last 30 days.', 'analytics-backups-empty'),
    );
  const bytes = days.reduce((sum, d) => sum + d.bytes, 0);
  const busiest = days.reduce((best, d) => (d.count > best.count ? d : best));
  const active = days.filter((d) => d.count > 0).length;
  const summaryId = uid('backups-summary');
  const summary = h(
    'p',
    { id: summaryId, 'data-testid': 'analytics-backups-summary' },
    `${plural(total, 'backup')} (${formatBytes(bytes)} stored) on ${plural(active, 'day')}; `,
    `the most on ${dayLabel(busiest.day, true)} (${busiest.count}).`,
  );
  const chart = columnChart(
    days.map((d) => ({
      label: dayLabel(d.day),
      value: d.count,
      title: `${dayLabel(d.day, true)}: ${plural(d.count, 'backup')}${d.count ? `, ${formatBytes(d.bytes)}` : ''}`,
    })),
    title,
    summaryId,
  );
  const table = h(
    'details',
    { class: 'chart-table' },
    h('summary', null, 'Show the numbers'),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Backups per day' },
      h(
        'table',
        { 'data-testid': 'analytics-backups-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Day'),
            h('th', { scope: 'col' }, 'Backups'),
            h('th', { scope: 'col' }, 'Stored'),
          ),
        ),
        h(
          'tbody',
          null,
          days.map((d) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, h('time', { datetime: d.day }, dayLabel(d.day, true))),
              h('td', null, d.count.toLocaleString()),
              h('td', null, d.count ? formatBytes(d.bytes) : '—'),
            ),
          ),
        ),
      ),
    ),
  );
  return card(title, 'analytics-backups-chart', summary, chart, table);
}

function storageCard(data: Analytics): HTMLElement {
  const { byKind, storedBytes, largestBytes } = data.backups;
  const count = KINDS.reduce((sum, kind) => sum + (byKind[kind] ?? 0), 0);
  if (!count && !storedBytes)
    return card('Storage', 'analytics-storage', empty('No backups are stored.', 'analytics-storage-empty'));
  const tile = (label: string, value: string, testId: string) =>
    h(
      'div',
      { class: 'tile', 'data-testid': testId },
      h('span', { class: 'tile-value' }, value),
      h('span', null, label),
    );
  return card(
    'Storage',
    'analytics-storage',
    h(
      'div',
      { class: 'tiles' },
      tile('stored', formatBytes(storedBytes), 'analytics-stored-bytes'),
      tile('largest backup', formatBytes(largestBytes), 'analytics-largest-bytes'),
      tile(count === 1 ? 'backup' : 'backups', count.toLocaleString(), 'analytics-backup-count'),
    ),
    h('h3', null, 'By kind'),
    stackedBar(
      KINDS.map((kind) => ({ key: kind, label: KIND_LABELS[kind] ?? kind, value: byKind[kind] ?? 0 })),
      'Backups by kind',
    ),
  );
}

function commandsCard(data: Analytics): HTMLElement {
  const commands = data.commands;
  const title = 'Command usage';
  if (!commands.length)
    return card(
      title,
      'analytics-commands-chart',
      empty('No commands have run in this server yet.', 'analytics-commands-empty'),
    );
  const uses = commands.reduce((sum, c) => sum + c.uses, 0);
  const errors = commands.reduce((sum, c) => sum + c.errors, 0);
  return card(
    title,
    'analytics-commands-chart',
    h(
      'p',
      { class: 'hint' },
      `The ${plural(commands.length, 'most used command')} in this server: ${plural(uses, 'run')}, `,
      `${percent(errors, uses)} failed (the red end of each bar).`,
    ),
    barList(
      commands.map((c) => {
        const high = c.uses > 0 && c.errors / c.uses >= HIGH_ERROR_RATE;
        return {
          label: h('code', null, c.name),
          value: c.uses,
          bad: c.errors,
          testId: `analytics-command-${c.name}`,
          text: [
            plural(c.uses, 'use'),
            ' · ',
            h('span', { class: high ? 'bad-text' : null }, `${percent(c.errors, c.uses)} errors`),
          ],
        };
      }),
      'Commands by uses',
    ),
  );
}
