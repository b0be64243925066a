/**
 * The restore options: the mode (radios, each with its one-line explanation), what to restore (checkboxes,
 * every component but bans by default) and Role Sync (only with member roles), in fieldsets with legends.
 * Errors (none chosen, or the server's 400 `fields`) appear in their fieldset.
 */

import { h, uid } from '../dom';
import { COMPONENTS, DEFAULT_OPTIONS, MODES } from '../restore-options';
import type { RestoreComponent, RestoreMode, RestoreOptions } from '../types';

export interface RestoreForm {
  el: HTMLElement;
  /** The chosen options, or null (with the error shown) when nothing is chosen to restore. */
  read(): RestoreOptions | null;
  /** Shows the server's field messages; false when none of them belongs to this form. */
  showFields(fields: Record<string, string>): boolean;
}

interface Group {
  el: HTMLFieldSetElement;
  setError(message: string | null): void;
}

/** A fieldset with a legend, an optional hint and an error slot it is described by. */
function group(legend: string, hint: string | null, ...children: HTMLElement[]): Group {
  const id = uid('restore-group');
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const el = h(
    'fieldset',
    { class: 'restore-group', 'aria-describedby': [hintEl?.id, error.id].filter(Boolean).join(' ') },
    h('legend', null, legend),
    hintEl,
    children,
    error,
  );
  return {
    el,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
  };
}

function choice(input: HTMLInputElement, label: string, hint?: string): HTMLElement {
  input.id = uid('restore-choice');
  const hintEl = hint && h('span', { class: 'hint', id: `${input.id}-hint` }, hint);
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'choice' }, input, h('label', { for: input.id }, label), hintEl);
}

export function restoreForm(onChange: () => void): RestoreForm {
  const name = uid('restore-mode');
  const modes = MODES.map((m) =>
    h('input', {
      type: 'radio',
      name,
      value: m.value,
      checked: m.value === DEFAULT_OPTIONS.mode,
      'data-testid': `restore-mode-${m.value}`,
    }),
  );
  const components = COMPONENTS.map((c) =>
    h('input', {
      type: 'checkbox',
      value: c.value,
      checked: DEFAULT_OPTIONS.components.includes(c.value),
      'data-testid': `restore-component-${c.value}`,
    }),
  );
  const roleSync = h('input', { type: 'checkbox', 'data-testid': 'restore-role-sync' });
  const members = components.find((c) => c.value === 'members') as HTMLInputElement;

  const modeGroup = group(
    'Mode',
    null,
    h(
      'div',
      { class: 'choices' },
      MODES.map((m, i) => choice(modes[i] as HTMLInputElement, m.label, m.hint)),
    ),
  );
  const componentGroup = group(
    'What to restore',
    'Bans are off by default.',
    h(
      'div',
      { class: 'choices grid' },
      COMPONENTS.map((c, i) => choice(components[i] as HTMLInputElement, c.label)),
    ),
  );
  const syncGroup = group(
    'Member roles',
    null,
    choice(
      roleSync,
      'Role Sync',
      'Give members exactly the roles they had in the backup, removing the others. Off: roles are only added. Needs “Member roles”.',
    ),
  );

  const syncEnabled = () => {
    roleSync.disabled = !members.checked;
  };
  syncEnabled();

  const el = h('div', { class: 'restore-options' }, modeGroup.el, componentGroup.el, syncGroup.el);
  el.addEventListener('change', () => {
    syncEnabled();
    modeGroup.setError(null);
    syncGroup.setError(null);
    const chosen = components.some((c) => c.checked);
    componentGroup.setError(chosen ? null : 'Choose at least one thing to restore.');
    onChange();
  });

  return {
    el,
    read() {
      const picked = components.filter((c) => c.checked).map((c) => c.value as RestoreComponent);
      componentGroup.setError(picked.length ? null : 'Choose at least one thing to restore.');
      if (!picked.length) return null;
      const mode = (modes.find((m) => m.checked)?.value ?? 'add') as RestoreMode;
      return { mode, components: picked, roleSync: members.checked && roleSync.checked };
    },
    showFields(fields) {
      modeGroup.setError(fields.mode ?? null);
      componentGroup.setError(fields.components ?? null);
      syncGroup.setError(fields.roleSync ?? null);
      return ['mode', 'components', 'roleSync'].some((f) => f in fields);
    },
  };
}
