/**
 * "Restore…" for one backup: a modal dialog with the options (restore-form.ts) and the dry run, planned again
 * whenever the options change (debounced) or on "Preview". "Restore" is enabled only for a current plan
 * that has something to do and no blockers; after a confirmation it starts the job and hands its id to the
 * page, which follows it (restore-progress.ts). A 409 hands over the restore that already runs.
 */

import { ApiError, describeError } from '../api';
import { confirmAction } from '../confirm';
import { h, mount, uid } from '../dom';
import { formatAgo, plural } from '../format';
import { MODES, roughDuration } from '../restore-options';
import { previewRestore, startRestore } from '../restores';
import type { Backup, RestoreOptions, RestorePlan } from '../types';
import { formMessage } from '../ui';
import { backupTitle } from './backup-card';
import { restoreForm } from './restore-form';
import { planDetails, planSummary } from './restore-plan';

const DEBOUNCE_MS = 500;

export interface RestorePanelOptions {
  guildId: string;
  guildName: string;
  backup: Backup;
  /** A restore was started (or one already runs): the page shows its progress and takes the focus. */
  started(jobId: string, alreadyRunning: boolean): void;
}

export function openRestorePanel(options: RestorePanelOptions): void {
  const { guildId, backup } = options;
  const title = backupTitle(backup);
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uid('restore-title');
  const planTitleId = uid('restore-plan-title');

  let plan: RestorePlan | null = null;
  let planKey = '';
  let sequence = 0;
  let timer: number | undefined;
  let loading = false;
  let handedOver = false;

  const message = formMessage('restore-message');
  const summary = h(
    'p',
    {
      class: 'restore-summary',
      role: 'status',
      'aria-live': 'polite',
      'data-testid': 'restore-plan-summary',
    },
    'Planning…',
  );
  const details = h('div');
  const planSection = h(
    'section',
    {
      class: 'restore-plan',
      'aria-labelledby': planTitleId,
      'aria-busy': 'true',
      'data-testid': 'restore-plan',
    },
    h('h3', { id: planTitleId }, 'Dry run'),
    summary,
    details,
    h(
      'p',
      { class: 'alert info', 'data-testid': 'restore-safe-note' },
      'Nothing has been changed. A pinned safety backup is taken before anything is applied.',
    ),
  );
  const preview = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'restore-preview' },
    'Preview',
  );
  const close = h(
    'button',
    { type: 'button', class: 'button subtle', 'data-testid': 'restore-close' },
    'Close',
  );
  const start = h(
    'button',
    { type: 'button', class: 'button danger', 'data-testid': 'restore-start', disabled: true },
    'Restore',
  );

  const form = restoreForm(() => {
    window.clearTimeout(timer);
    planSection.dataset.stale = 'true';
    summary.textContent = 'Options changed: planning again…';
    updateStart();
    timer = window.setTimeout(() => void runPreview(), DEBOUNCE_MS);
  });

  const heading = h('h2', { id: titleId, tabindex: '-1' }, `Restore “${title}”`);
  const dialog = h(
    'dialog',
    { class: 'dialog wide restore-panel', 'aria-labelledby': titleId, 'data-testid': 'restore-panel' },
    heading,
    h(
      'p',
      { class: 'muted' },
      `Backup from ${formatAgo(backup.createdAt)}: ${plural(backup.counts.roles, 'role')}, ${plural(backup.counts.channels, 'channel')}, ${plural(backup.counts.members, 'member')}.`,
    ),
    form.el,
    planSection,
    message.el,
    h('div', { class: 'actions' }, close, preview, start),
  );

  const current = (): RestoreOptions | null => form.read();
  const keyOf = (o: RestoreOptions) => JSON.stringify(o);

  function updateStart() {
    const o = current();
    const fresh = !!plan && !!o && keyOf(o) === planKey && !loading;
    start.disabled = !fresh || !plan || plan.blocked || plan.operations === 0;
  }

  async function runPreview() {
    window.clearTimeout(timer);
    const o = current();
    message.show(null);
    if (!o) {
      plan = null;
      mount(details);
      summary.textContent = 'Choose at least one thing to restore.';
      delete planSection.dataset.stale;
      updateStart();
      return;
    }
    const mine = ++sequence;
    loading = true;
    preview.disabled = true;
    planSection.setAttribute('aria-busy', 'true');
    summary.textContent = 'Planning the restore (reading the server)…';
    updateStart();
    try {
      const next = await previewRestore(guildId, backup.id, o);
      if (mine !== sequence) return;
      plan = next;
      planKey = keyOf(o);
      form.showFields({});
      summary.textContent = planSummary(next);
      mount(details, planDetails(next));
    } catch (error) {
      if (mine !== sequence) return;
      plan = null;
      mount(details);
      summary.textContent = 'No plan.';
      const fields = error instanceof ApiError ? error.fields : {};
      const problems = error instanceof ApiError ? error.problems : [];
      if (!form.showFields(fields))
        message.show(
          problems.length ? `${describeError(error)} ${problems.join(' ')}` : describeError(error),
        );
    } finally {
      if (mine === sequence) {
        loading = false;
        preview.disabled = false;
        planSection.setAttribute('aria-busy', 'false');
        delete planSection.dataset.stale;
        updateStart();
      }
    }
  }

  preview.addEventListener('click', () => void runPreview());
  close.addEventListener('click', () => dialog.close());
  // Back/forward leaves the page under the dialog: close it too.
  const leave = () => dialog.close();
  window.addEventListener('popstate', leave);
  dialog.addEventListener('close', () => {
    window.removeEventListener('popstate', leave);
    window.clearTimeout(timer);
    sequence += 1;
    dialog.remove();
    if (handedOver) return;
    const back =
      opener?.isConnected === true
        ? opener
        : document.querySelector<HTMLElement>(`[data-testid="backup-restore-${CSS.escape(backup.id)}"]`);
    back?.focus();
  });

  start.addEventListener('click', async () => {
    const o = current();
    if (!o || !plan || start.disabled) return;
    const p = plan;
    const mode = MODES.find((m) => m.value === o.mode);
    const warnings = p.problems.filter((x) => x.severity === 'warning').length;
    let outcome: { jobId: string; running: boolean } | null = null;
    let refused: unknown = null;
    const confirmed = await confirmAction({
      title: 'Restore this backup?',
      message: [
        `${plural(p.operations, 'operation')} (${plural(p.calls, 'API call')}, about ${roughDuration(p.estimateSeconds)}) will change “${options.guildName}” to match “${title}”.`,
        `Mode: ${mode?.label ?? o.mode}. ${mode?.hint ?? ''}`,
        warnings ? `${plural(warnings, 'warning')} apply.` : '',
        'A pinned safety backup is taken first. You can cancel while it runs; what is done stays done.',
      ]
        .filter(Boolean)
        .join(' '),
      confirmLabel: 'Restore now',
      danger: true,
      action: async () => {
        try {
          outcome = await startRestore(guildId, backup.id, o);
        } catch (error) {
          // Bad options belong next to their fieldset, not in the confirmation.
          if (!(error instanceof ApiError && error.status === 400)) throw error;
          refused = error;
        }
      },
    });
    if (!confirmed) return;
    if (refused) {
      const fields = refused instanceof ApiError ? refused.fields : {};
      form.showFields(fields);
      message.show(describeError(refused));
      return;
    }
    const done = outcome as { jobId: string; running: boolean } | null;
    if (!done) return;
    handedOver = true;
    dialog.close();
    options.started(done.jobId, done.running);
  });

  document.body.append(dialog);
  dialog.showModal();
  heading.focus();
  void runPreview();
}
