/**
 * One backup: label, kind, time, size, counts, pinned, note, and (with `backups`) Pin/Unpin, the note's
 * editor, Verify and Export (backup-tools.ts) and Delete behind a confirmation; with `restore`, "Restore…"
 * (the page opens restore-panel.ts); for everyone, "Compare" (compare-panel.ts, loaded on first use).
 * Changes are reported to the list through `events`.
 */

import { api, describeError, guildPath } from '../api';
import { confirmAction } from '../confirm';
import { h } from '../dom';
import { formatAgo, formatBytes, formatTime, plural } from '../format';
import { announce } from '../status';
import type { Backup } from '../types';
import { badge, busy, field, formMessage, showErrors } from '../ui';
import { maxLengthError } from '../validate';
import { backupTools } from './backup-tools';

export interface CardEvents {
  changed(backup: Backup): void;
  deleted(backupId: string): void;
  restore(backup: Backup): void;
}

export const KIND_LABELS: Record<string, string> = {
  manual: 'Manual',
  auto: 'Scheduled',
  import: 'Imported',
  safety: 'Safety',
};

export function backupTitle(backup: Backup): string {
  return backup.label || `Backup ${backup.id}`;
}

export function backupCard(
  guildId: string,
  backup: Backup,
  rights: { editable: boolean; canExport: boolean; canRestore: boolean },
  events: CardEvents,
): HTMLElement {
  const { editable, canExport, canRestore } = rights;
  const id = backup.id;
  const path = guildPath(guildId, `/backups/${encodeURIComponent(id)}`);
  const title = backupTitle(backup);
  const c = backup.counts;
  const message = formMessage(`backup-message-${id}`);
  const tools = backupTools(path, id, title, message);

  const pin = h(
    'button',
    {
      type: 'button',
      class: 'button small',
      'data-testid': `backup-pin-${id}`,
      'aria-pressed': String(backup.pinned),
      'aria-label': `${backup.pinned ? 'Unpin' : 'Pin'} ${title}`,
    },
    backup.pinned ? 'Unpin' : 'Pin',
  );
  pin.addEventListener('click', async () => {
    message.show(null);
    try {
      const next = await busy(pin, () => api.patch<Backup>(path, { pinned: !backup.pinned }));
      announce(`${next.pinned ? 'Pinned' : 'Unpinned'}: ${backupTitle(next)}`);
      events.changed(next);
    } catch (error) {
      message.show(describeError(error));
    }
  });

  const editButton = h(
    'button',
    {
      type: 'button',
      class: 'button small',
      'data-testid': `backup-note-edit-${id}`,
      'aria-expanded': 'false',
      'aria-label': `Edit the label and note of ${title}`,
    },
    'Edit',
  );
  const form = noteForm(path, backup, events, () => {
    form.hidden = true;
    editButton.setAttribute('aria-expanded', 'false');
    editButton.focus();
  });
  form.hidden = true;
  editButton.addEventListener('click', () => {
    form.hidden = !form.hidden;
    editButton.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('textarea')?.focus();
  });

  const remove = h(
    'button',
    {
      type: 'button',
      class: 'button small danger',
      'data-testid': `backup-delete-${id}`,
      'aria-label': `Delete ${title}`,
    },
    'Delete',
  );
  remove.addEventListener('click', async () => {
    const deleted = await confirmAction({
      title: 'Delete this backup?',
      message: `“${title}” from ${formatTime(backup.createdAt)} will be deleted for good.`,
      confirmLabel: 'Delete backup',
      danger: true,
      action: () => api.delete(path),
    });
    if (deleted) {
      announce(`Deleted: ${title}`);
      events.deleted(id);
    }
  });

  const restore = h(
    'button',
    {
      type: 'button',
      class: 'button small',
      'data-testid': `backup-restore-${id}`,
      'aria-haspopup': 'dialog',
      'aria-label': `Restore ${title}…`,
    },
    'Restore…',
  );
  restore.addEventListener('click', () => events.restore(backup));

  // Needs only `view`: everyone who sees the server can compare. The dialog is its own chunk.
  const compare = h(
    'button',
    {
      type: 'button',
      class: 'button small',
      'data-testid': `backup-compare-${id}`,
      'aria-haspopup': 'dialog',
      'aria-label': `Compare ${title} with the server now`,
    },
    'Compare',
  );
  compare.addEventListener('click', async () => {
    try {
      const { openComparePanel } = await import('./compare-panel');
      openComparePanel(guildId, backup);
    } catch {
      announce('The comparison could not be loaded. Reload the page and try again.', 'error');
    }
  });

  return h(
    'li',
    { class: 'card backup', 'data-testid': `backup-row-${id}`, 'data-backup-id': id },
    h(
      'div',
      { class: 'backup-head' },
      h('h3', { 'data-testid': `backup-title-${id}` }, title),
      h(
        'span',
        { class: 'badges' },
        badge(KIND_LABELS[backup.kind] ?? backup.kind),
        backup.pinned && h('span', { class: 'badge good', 'data-testid': `backup-pinned-${id}` }, 'Pinned'),
      ),
    ),
    h(
      'dl',
      { class: 'meta' },
      h('dt', null, 'Created'),
      h(
        'dd',
        null,
        h(
          'time',
          { datetime: new Date(backup.createdAt).toISOString(), title: formatTime(backup.createdAt) },
          formatAgo(backup.createdAt),
        ),
      ),
      h('dt', null, 'Size'),
      h(
        'dd',
        null,
        formatBytes(backup.sizeBytes),
        h('span', { class: 'muted' }, ` (${formatBytes(backup.storedBytes)} stored)`),
      ),
      h('dt', null, 'Id'),
      h('dd', null, h('code', null, id)),
    ),
    h(
      'p',
      { class: 'counts' },
      [
        plural(c.roles, 'role'),
        plural(c.channels, 'channel'),
        plural(c.emojis, 'emoji'),
        plural(c.stickers, 'sticker'),
        plural(c.members, 'member'),
        plural(c.bans, 'ban'),
      ].join(' · '),
    ),
    backup.note && h('p', { class: 'note', 'data-testid': `backup-note-text-${id}` }, backup.note),
    h(
      'div',
      { class: 'actions' },
      editable && [pin, editButton, tools.verify, canExport && tools.exportButton],
      compare,
      canRestore && restore,
      editable && remove,
    ),
    editable && tools.result,
    editable && form,
    message.el,
  );
}

function noteForm(path: string, backup: Backup, events: CardEvents, close: () => void): HTMLFormElement {
  const id = backup.id;
  const label = h('input', {
    name: 'label',
    type: 'text',
    maxlength: 100,
    'data-testid': `backup-label-edit-${id}`,
  });
  label.value = backup.label ?? '';
  const labelField = field('Label', label);
  const note = h('textarea', {
    name: 'note',
    rows: 3,
    maxlength: 500,
    'data-testid': `backup-note-input-${id}`,
  });
  note.value = backup.note ?? '';
  const counter = h('span', null, `${note.value.length}/500`);
  note.addEventListener('input', () => {
    counter.textContent = `${note.value.length}/500`;
  });
  const noteField = field('Note', note, counter);
  const message = formMessage(`backup-note-message-${id}`);
  const save = h(
    'button',
    { type: 'submit', class: 'button primary small', 'data-testid': `backup-note-save-${id}` },
    'Save',
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'button small', 'data-testid': `backup-note-cancel-${id}` },
    'Cancel',
  );
  cancel.addEventListener('click', close);
  const form = h(
    'form',
    { class: 'edit-form', novalidate: true },
    labelField.wrap,
    noteField.wrap,
    h('div', { class: 'actions' }, save, cancel),
    message.el,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const newLabel = label.value.trim();
    const labelProblem = newLabel ? maxLengthError(newLabel, 100, 'label') : 'The label cannot be empty.';
    const problem = maxLengthError(note.value, 500, 'note');
    labelField.setError(labelProblem);
    noteField.setError(problem);
    if (problem || labelProblem) return;
    const changes: { label?: string; note?: string } = {};
    if (newLabel !== (backup.label ?? '')) changes.label = newLabel;
    if (note.value !== (backup.note ?? '')) changes.note = note.value;
    if (!Object.keys(changes).length) return close();
    message.show(null);
    try {
      const next = await busy(save, () => api.patch<Backup>(path, changes));
      announce(`Saved: ${backupTitle(next)}`);
      events.changed(next);
    } catch (error) {
      showErrors(error, { label: labelField, note: noteField }, message);
    }
  });
  return form;
}
