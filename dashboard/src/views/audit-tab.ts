/**
 * Audit: the server's audit log, newest first, 25 a page, filtered by action. The page and filter are kept
 * in the address (`?page=2&action=backup.create`) so a reload shows the same list.
 */

import { api, guildPath } from '../api';
import { h, mount } from '../dom';
import { formatAgo, formatTime } from '../format';
import type { AuditEntry, AuditPage } from '../types';
import { empty, errorBox, loading } from '../ui';
import type { TabContext } from './guild-page';

/** Actions the worker writes (the list grows with what the log shows). */
const KNOWN_ACTIONS = [
  'prefix.set',
  'mention_prefix.set',
  'role_requirement.add',
  'role_requirement.remove',
  'backup.create',
  'backup.delete',
  'backup.pin',
  'backup.unpin',
  'backup.note',
  'backup.schedule',
  'backup.import',
  'backup.export',
  'backup.failed',
  'dashboard.grant',
  'dashboard.revoke',
];

export function auditTab(context: TabContext): HTMLElement {
  const guildId = context.guild.id;
  const params = new URL(location.href).searchParams;
  let page = Math.max(1, Number(params.get('page')) || 1);
  let action = params.get('action') ?? '';
  const seen = new Set(KNOWN_ACTIONS);

  const input = h('input', {
    type: 'search',
    id: 'audit-action',
    name: 'action',
    list: 'audit-actions',
    placeholder: 'e.g. backup.create',
    autocomplete: 'off',
    'data-testid': 'audit-filter',
  });
  input.value = action;
  const datalist = h('datalist', { id: 'audit-actions' });
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-results' });
  const form = h(
    'form',
    { class: 'inline-form', role: 'search', 'data-testid': 'audit-filter-form' },
    h('div', { class: 'field' }, h('label', { for: 'audit-action' }, 'Action'), input, datalist),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'button primary', 'data-testid': 'audit-filter-apply' }, 'Filter'),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'audit-filter-clear',
          onclick: () => {
            input.value = '';
            go(1, '');
          },
        },
        'Clear',
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(1, input.value.trim());
  });

  const go = (nextPage: number, nextAction: string) => {
    page = nextPage;
    action = nextAction;
    const url = new URL(location.href);
    url.search = '';
    if (page > 1) url.searchParams.set('page', String(page));
    if (action) url.searchParams.set('action', action);
    history.replaceState(null, '', url);
    void load();
  };

  const load = async () => {
    mount(results, loading('Loading the audit log…'));
    try {
      const query = new URLSearchParams({ page: String(page) });
      if (action) query.set('action', action);
      const data = await api.get<AuditPage>(guildPath(guildId, `/audit?${query}`));
      for (const entry of data.entries) seen.add(entry.action);
      mount(
        datalist,
        [...seen].sort().map((name) => h('option', { value: name })),
      );
      render(data);
    } catch (error) {
      mount(
        results,
        errorBox(error, () => void load()),
      );
    }
  };

  const render = (data: AuditPage) => {
    const pages = Math.max(1, data.pages);
    const pager = h(
      'nav',
      { class: 'pager', 'aria-label': 'Audit pages' },
      h(
        'button',
        {
          type: 'button',
          class: 'button small',
          'data-testid': 'audit-prev',
          disabled: data.page <= 1,
          onclick: () => go(data.page - 1, action),
        },
        'Previous',
      ),
      h('span', { 'data-testid': 'audit-page' }, `Page ${data.page} of ${pages}`),
      h(
        'button',
        {
          type: 'button',
          class: 'button small',
          'data-testid': 'audit-next',
          disabled: data.page >= pages,
          onclick: () => go(data.page + 1, action),
        },
        'Next',
      ),
    );
    mount(
      results,
      data.entries.length
        ? h(
            'ul',
            { class: 'audit-list', 'data-testid': 'audit-list' },
            data.entries.map((e) => entryRow(e, context.me.user.id)),
          )
        : empty(action ? `No entries for “${action}”.` : 'Nothing in the audit log yet.', 'audit-empty'),
      (data.pages > 1 || data.page > 1) && pager,
    );
  };

  void load();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'audit-title', 'data-testid': 'audit-tab' },
    h('h2', { id: 'audit-title' }, 'Audit log'),
    form,
    results,
  );
}

function entryRow(entry: AuditEntry, myId: string): HTMLElement {
  return h(
    'li',
    { class: 'audit-entry', 'data-testid': `audit-entry-${entry.id}` },
    h('code', { class: 'action' }, entry.action),
    h(
      'time',
      { datetime: new Date(entry.at).toISOString(), title: formatTime(entry.at) },
      formatAgo(entry.at),
    ),
    h(
      'span',
      { class: 'actor' },
      entry.actorId
        ? entry.actorId === myId
          ? 'by you'
          : ['by ', h('code', null, entry.actorId)]
        : 'by the bot',
    ),
    detailsText(entry.details) && h('p', { class: 'details' }, detailsText(entry.details)),
  );
}

/** `key: value · key: value`, at most 300 characters. */
function detailsText(details: unknown): string {
  if (details === null || details === undefined || details === '') return '';
  let value: unknown = details;
  if (typeof details === 'string') {
    try {
      value = JSON.parse(details);
    } catch {
      return details.slice(0, 300);
    }
  }
  const text =
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value)
          .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' · ')
      : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
