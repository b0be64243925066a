/**
 * A confirmation dialog (native `<dialog>`: modal, focus kept inside, Esc cancels). The action runs while
 * the dialog stays open; if it fails (e.g. a 409 for a pinned backup) the server's message is shown in the
 * dialog and nothing else changes. Resolves true once the action succeeded, false when cancelled.
 */

import { describeError } from './api';
import { h } from './dom';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  action: () => Promise<void>;
}

export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const opener = document.activeElement as HTMLElement | null;
  const titleId = 'confirm-title';
  const error = h('p', { class: 'field-error', role: 'alert', 'data-testid': 'confirm-error', hidden: true });
  const cancel = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'confirm-cancel', value: 'cancel' },
    'Cancel',
  );
  const ok = h(
    'button',
    { type: 'button', class: `button ${options.danger ? 'danger' : 'primary'}`, 'data-testid': 'confirm-ok' },
    options.confirmLabel,
  );
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'confirm-dialog' },
    h('h2', { id: titleId }, options.title),
    h('p', null, options.message),
    error,
    h('div', { class: 'actions' }, cancel, ok),
  );
  document.body.append(dialog);

  return new Promise((resolve) => {
    let done = false;
    const finish = (result: boolean) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      opener?.focus?.();
      resolve(result);
    };
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('close', () => finish(false));
    dialog.addEventListener('cancel', (event) => {
      if (ok.disabled) event.preventDefault();
    });
    ok.addEventListener('click', async () => {
      ok.disabled = true;
      cancel.disabled = true;
      ok.setAttribute('aria-busy', 'true');
      error.hidden = true;
      try {
        await options.action();
        finish(true);
      } catch (err) {
        error.textContent = describeError(err);
        error.hidden = false;
        ok.remove();
        cancel.disabled = false;
        cancel.textContent = 'Close';
        cancel.focus();
      } finally {
        ok.disabled = false;
        ok.removeAttribute('aria-busy');
      }
    });
    dialog.showModal();
    cancel.focus();
  });
}
