/**
 * "Compare" for one backup: a modal dialog with the server now against the backup
 * (`GET …/backups/:backupId/compare`, needs only `view`). The summary first, then the changes grouped by
 * kind, 20 a page, filtered by kind. Loaded on first use (its own chunk, with compare.css).
 */

import '../styles/compare.css';
import { ApiError, api, describeError, guildPath } from '../api';
import { h, mount, uid } from '../dom';
import { plural } from '../format';
import type { Backup, BackupComparison, CompareChange, CompareKind } from '../types';
import { empty, formMessage, loading } from '../ui';
import { backupTitle } from './backup-card';

const PAGE_SIZE = 20;

const KINDS: { kind: CompareKind; label: string }[] = [
  { kind: 'role', label: 'Roles' },
  { kind: 'channel', label: 'Channels' },
  { kind: 'emoji', label: 'Emojis' },
  { kind: 'sticker', label: 'Stickers' },
  { kind: 'setting', label: 'Settings' },
];

const CHANGES: Record<CompareChange['change'], { icon: string; text: string }> = {
  added: { icon: '🟢', text: 'new since the backup' },
  removed: { icon: '🔴', text: 'gone since the backup' },
  changed: { icon: '🟡', text: 'changed' },
};

export function openComparePanel(guildId: string, backup: Backup): void {
  const title = backupTitle(backup);
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uid('compare-title');
  const path = guildPath(guildId, `/backups/${encodeURIComponent(backup.id)}/compare`);

  let all: CompareChange[] = [];
  let page = 1;

  const summary = h(
    'p',
    { class: 'compare-summary', role: 'status', 'aria-live': 'polite', 'data-testid': 'compare-summary' },
    'Comparing with the server…',
  );
  const select = h(
    'select',
    { id: uid('compare-kind'), name: 'kind', 'data-testid': 'compare-kind', disabled: true },
    h('option', { value: '' }, 'All kinds'),
  );
  const filter = h(
    'div',
    { class: 'field compare-filter', hidden: true },
    h('label', { for: select.id }, 'Show'),
    select,
  );
  const results = h(
    'div',
    { class: 'compare-results', tabindex: '-1', 'aria-label': 'Changes', 'data-testid': 'compare-results' },
    loading('Reading the server and the backup…'),
  );
  const message = formMessage('compare-message');
  const close = h('button', { type: 'button', class: 'button', 'data-testid': 'compare-close' }, 'Close');
  const heading = h('h2', { id: titleId, tabindex: '-1' }, `Compare “${title}” with the server now`);
  const dialog = h(
    'dialog',
    {
      class: 'dialog wide compare-panel',
      'aria-labelledby': titleId,
      'aria-busy': 'true',
      'data-testid': 'compare-panel',
    },
    heading,
    summary,
    filter,
    results,
    message.el,
    h('div', { class: 'actions' }, close),
  );

  const shown = () => (select.value ? all.filter((c) => c.kind === select.value) : all);

  function render(focus = false) {
    const list = shown();
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    page = Math.min(Math.max(1, page), pages);
    const slice = list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const groups = KINDS.map((k) => ({ ...k, items: slice.filter((c) => c.kind === k.kind) })).filter(
      (g) => g.items.length,
    );
    mount(
      results,
      list.length
        ? groups.map((g) =>
            h(
              'section',
              { class: 'compare-group', 'data-testid': `compare-group-${g.kind}` },
              h('h3', null, g.label),
              h('ul', { class: 'compare-list' }, g.items.map(changeRow)),
            ),
          )
        : empty(all.length ? 'No changes of this kind.' : 'Nothing differs.', 'compare-empty'),
      list.length > 0 && pager(page, pages),
    );
    if (focus) results.focus();
  }

  function pager(current: number, pages: number): HTMLElement {
    const go = (next: number) => {
      page = next;
      render(true);
    };
    return h(
      'nav',
      { class: 'pager', 'aria-label': 'Comparison pages' },
      h(
        'button',
        {
          type: 'button',
          class: 'button small',
          'data-testid': 'compare-prev',
          disabled: current <= 1,
          onclick: () => go(current - 1),
        },
        'Previous',
      ),
      h('span', { 'data-testid': 'compare-page' }, `Page ${current} of ${pages}`),
      h(
        'button',
        {
          type: 'button',
          class: 'button small',
          'data-testid': 'compare-next',
          disabled: current >= pages,
          onclick: () => go(current + 1),
        },
        'Next',
      ),
    );
  }

  async function load() {
    try {
      const data = await api.get<BackupComparison>(path);
      if (!dialog.isConnected) return;
      all = data.changes;
      const s = data.summary;
      summary.textContent =
        s.total === 0
          ? 'In sync: the server matches the backup.'
          : `${plural(s.total, 'change')}: ${s.added} added · ${s.removed} removed · ${s.changed} changed`;
      summary.dataset.total = String(s.total);
      for (const k of KINDS) {
        const n = all.filter((c) => c.kind === k.kind).length;
        if (n) select.append(h('option', { value: k.kind }, `${k.label} (${n})`));
      }
      select.disabled = false;
      filter.hidden = all.length === 0;
      render();
    } catch (error) {
      if (!dialog.isConnected) return;
      summary.textContent = 'No comparison.';
      mount(results);
      const problems = error instanceof ApiError ? error.problems : [];
      message.show(problems.length ? `${describeError(error)} ${problems.join(' ')}` : describeError(error));
    } finally {
      dialog.setAttribute('aria-busy', 'false');
    }
  }

  select.addEventListener('change', () => {
    page = 1;
    render();
  });
  close.addEventListener('click', () => dialog.close());
  // Back/forward leaves the page under the dialog: close it too.
  const leave = () => dialog.close();
  window.addEventListener('popstate', leave);
  dialog.addEventListener('close', () => {
    window.removeEventListener('popstate', leave);
    dialog.remove();
    const back =
      opener?.isConnected === true
        ? opener
        : document.querySelector<HTMLElement>(`[data-testid="backup-compare-${CSS.escape(backup.id)}"]`);
    back?.focus();
  });

  document.body.append(dialog);
  dialog.showModal();
  heading.focus();
  void load();
}

function changeRow(change: CompareChange): HTMLElement {
  const how = CHANGES[change.change] ?? CHANGES.changed;
  return h(
    'li',
    {
      class: 'compare-change',
      'data-change': change.change,
      'data-testid': `compare-change-${change.kind}-${change.id}`,
    },
    h(
      'p',
      { class: 'compare-name' },
      h('span', { class: 'compare-icon', 'aria-hidden': 'true' }, how.icon),
      h('strong', null, change.name || change.id),
      h('span', { class: 'muted' }, ` ${how.text}`),
    ),
    change.fields.length > 0 &&
      h(
        'ul',
        { class: 'compare-fields' },
        change.fields.map((f) =>
          h(
            'li',
            null,
            h('code', null, f.field),
            ': ',
            f.before ?? '—',
            h('span', { 'aria-hidden': 'true' }, ' → '),
            h('span', { class: 'sr-only' }, ' becomes '),
            f.after ?? '—',
          ),
        ),
      ),
  );
}
