/**
 * A backup card's Verify and Export buttons. Verify re-hashes the stored backup on the server and shows the
 * result in the card (a polite live region). Export fetches the JSON file with the session cookie and saves
 * it, so a refusal (403 for users who may not export, 409 with the verification's problems) can be shown
 * in the card's message instead of a broken download.
 */

import { ApiError, api, describeError, download } from '../api';
import { h, mount } from '../dom';
import { announce } from '../status';
import type { VerifyResult } from '../types';
import { busy, type FormMessage } from '../ui';

export interface BackupTools {
  verify: HTMLButtonElement;
  exportButton: HTMLButtonElement;
  /** Where the verification's result appears; kept when the card is redrawn. */
  result: HTMLElement;
}

/** `path` is the backup's API path (`/api/guilds/:id/backups/:backupId`). */
export function backupTools(path: string, id: string, title: string, message: FormMessage): BackupTools {
  const result = h('div', {
    class: 'verify-result',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': `backup-verify-result-${id}`,
  });

  const verify = h(
    'button',
    {
      type: 'button',
      class: 'button small',
      'data-testid': `backup-verify-${id}`,
      'aria-label': `Verify ${title}`,
    },
    'Verify',
  );
  verify.addEventListener('click', async () => {
    message.show(null);
    delete result.dataset.state;
    mount(result, 'Verifying…');
    try {
      const outcome = await busy(verify, () => api.post<VerifyResult>(`${path}/verify`));
      showResult(result, outcome);
    } catch (error) {
      mount(result);
      message.show(describeError(error));
    }
  });

  const exportButton = h(
    'button',
    {
      type: 'button',
      class: 'button small',
      'data-testid': `backup-export-${id}`,
      'aria-label': `Export ${title} as a JSON file`,
    },
    'Export',
  );
  exportButton.addEventListener('click', async () => {
    message.show(null);
    try {
      const file = await busy(exportButton, () => download(`${path}/export`, `backup-${id}.json`));
      saveFile(file.blob, file.name);
      message.show(`Downloaded ${file.name}.`, true);
      announce(`Exported: ${title}`);
    } catch (error) {
      const problems = error instanceof ApiError ? error.problems : [];
      message.show(
        problems.length ? `${describeError(error)} Problems: ${problems.join('; ')}.` : describeError(error),
      );
    }
  });

  return { verify, exportButton, result };
}

function showResult(result: HTMLElement, outcome: VerifyResult): void {
  const problems = outcome.problems ?? [];
  result.dataset.state = outcome.ok ? 'ok' : 'bad';
  if (outcome.ok && !problems.length) {
    mount(result, h('span', { 'aria-hidden': 'true' }, '✅ '), 'Integrity verified');
    return;
  }
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  mount(
    result,
    h('span', { 'aria-hidden': 'true' }, outcome.ok ? '⚠️ ' : '❌ '),
    outcome.ok
      ? 'Integrity verified, with notes:'
      : problems.length
        ? `Verification failed (${count}):`
        : 'Verification failed.',
    problems.length > 0 &&
      h(
        'ul',
        null,
        problems.map((problem) => h('li', null, problem)),
      ),
  );
}

/** Hands a downloaded file to the browser as if it came from a link. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file asynchronously; release it once that has surely happened.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
