/** Small shared pieces: loading and empty states, error boxes, badges, avatars, form fields. */

import { ApiError, describeError } from './api';
import { type Child, h, uid } from './dom';

export function loading(what = 'Loading…'): HTMLElement {
  return h(
    'p',
    { class: 'loading', role: 'status', 'aria-busy': 'true', 'data-testid': 'loading' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    what,
  );
}

export function empty(message: string, testId = 'empty'): HTMLElement {
  return h('p', { class: 'empty', 'data-testid': testId }, message);
}

/** An error as an alert, with the right words for 403/404 and an optional Retry button. */
export function errorBox(error: unknown, retry?: () => void): HTMLElement {
  const title =
    error instanceof ApiError && error.status === 403
      ? 'Not allowed'
      : error instanceof ApiError && error.status === 404
        ? 'Not found'
        : 'Something went wrong';
  return h(
    'div',
    { class: 'alert error', role: 'alert', 'data-testid': 'error' },
    h('strong', null, title),
    h('p', null, describeError(error)),
    retry && h('button', { type: 'button', class: 'button', onclick: retry }, 'Try again'),
  );
}

export function badge(
  text: string,
  tone: 'neutral' | 'accent' | 'good' | 'warn' | 'bad' = 'neutral',
): HTMLElement {
  return h('span', { class: `badge ${tone}` }, text);
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[1]] : [name.trim()];
  return letters
    .map((w) => Array.from(w ?? '')[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** A CDN image, or the name's initials (also when the image fails to load). */
export function avatar(name: string, src: string | null, size = 32, testId?: string): HTMLElement {
  const fallback = h(
    'span',
    { class: 'avatar initials', style: `--size:${size}px`, 'aria-hidden': 'true', 'data-testid': testId },
    initials(name) || '?',
  );
  if (!src) return fallback;
  const img = h('img', {
    class: 'avatar',
    src,
    alt: '',
    width: size,
    height: size,
    loading: 'lazy',
    'data-testid': testId,
  });
  img.addEventListener('error', () => img.replaceWith(fallback), { once: true });
  return img;
}

export function userAvatarUrl(id: string, hash: string | null): string | null {
  return hash ? `https://cdn.discordapp.com/avatars/${id}/${hash}.png?size=64` : null;
}

export function guildIconUrl(id: string, hash: string | null): string | null {
  return hash ? `https://cdn.discordapp.com/icons/${id}/${hash}.png?size=64` : null;
}

export interface Field {
  wrap: HTMLElement;
  setError(message: string | null): void;
}

/**
 * A label, a control, an optional hint and an error slot wired with `aria-describedby` and
 * `aria-invalid`. The control must already exist; its id is set here.
 */
export function field(label: string, control: HTMLElement, hint?: Child, testId?: string): Field {
  const id = control.id || uid('field');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', {
    class: 'field-error',
    id: `${id}-error`,
    'data-testid': testId ? `${testId}-error` : null,
    hidden: true,
  });
  control.setAttribute('aria-describedby', [hintEl?.id, errorEl.id].filter(Boolean).join(' '));
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl, errorEl);
  return {
    wrap,
    setError(message) {
      errorEl.textContent = message ?? '';
      errorEl.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

export interface FormMessage {
  el: HTMLElement;
  show(message: string | null, ok?: boolean): void;
}

/** A form-level message slot (errors as alerts, successes as polite status). */
export function formMessage(testId: string): FormMessage {
  const el = h('p', { class: 'form-message', 'aria-live': 'polite', 'data-testid': testId, hidden: true });
  return {
    el,
    show(message, ok = false) {
      el.textContent = message ?? '';
      el.hidden = !message;
      el.className = `form-message ${ok ? 'ok' : 'bad'}`;
      el.setAttribute('role', ok ? 'status' : 'alert');
    },
  };
}

/** Disables a button while `work` runs (with `aria-busy`), then restores it and its focus. */
export async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  const wasDisabled = button.disabled;
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = wasDisabled;
    button.removeAttribute('aria-busy');
    // A disabled button loses focus; give it back unless the user has moved on.
    const active = document.activeElement;
    if (hadFocus && button.isConnected && (!active || active === document.body)) button.focus();
  }
}

/**
 * Shows a failed request on a form: each of the server's `fields` next to its field, and the message (with
 * any field this form does not have) in the form's message slot when no field explains it.
 */
export function showErrors(error: unknown, fields: Record<string, Field>, message: FormMessage): void {
  const fromServer = error instanceof ApiError ? error.fields : {};
  for (const [name, f] of Object.entries(fields)) f.setError(fromServer[name] ?? null);
  const others = Object.entries(fromServer)
    .filter(([name]) => !(name in fields))
    .map(([name, text]) => `${name}: ${text}`);
  const explained = Object.keys(fromServer).some((name) => name in fields);
  message.show(explained && !others.length ? null : [describeError(error), ...others].join(' '));
}

/** A titled card section (its heading labels it), with a test id. */
export function card(title: string, testId: string, ...children: Child[]): HTMLElement {
  const id = `${testId}-title`;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id, 'data-testid': testId },
    h('h2', { id }, title),
    children,
  );
}
