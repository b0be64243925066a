/**
 * A restore that runs, wherever it was started (this page, another tab, `/backuprestore` in Discord): its
 * status (taking the safety backup, running, paused with the reason, cancelling), a progress bar with
 * done/total, the counts, the time left and Cancel (with `restore`). The job is read about every second;
 * when it ends, the final report (restore-report.ts) replaces the progress.
 */

import { describeError } from '../api';
import { confirmAction } from '../confirm';
import { h, mount, uid } from '../dom';
import { formatTime } from '../format';
import { roughDuration } from '../restore-options';
import { cancelRestore, ENDED, followRestore } from '../restores';
import type { RestoreJob } from '../types';
import { errorBox } from '../ui';
import { outcome, restoreReport, verification } from './restore-report';

export interface ProgressOptions {
  guildId: string;
  jobId: string;
  /** The job as already read (from `…/restores/active`), shown at once. */
  initial?: RestoreJob;
  canCancel: boolean;
  /** A line above the status, e.g. why this restore is shown. */
  notice?: string;
  /** The backup's title, when the page knows it. */
  backupName(backupId: string): string | null;
  /** The backups changed: the safety backup was taken, or the restore ended. */
  changed(): void;
  /** The report was dismissed: the view should go. */
  dismissed(): void;
}

function statusText(job: RestoreJob): string {
  switch (job.status) {
    case 'planned':
      return 'Taking a safety backup…';
    case 'running':
      return 'Restoring…';
    case 'paused':
      return `Paused: ${job.statusReason ?? 'waiting to continue.'}`;
    case 'cancelling':
      return 'Cancelling: stopping after the current operation…';
    default:
      return job.status;
  }
}

export interface RestoreProgressView {
  el: HTMLElement;
  /** Puts the focus on the view's heading. */
  focus(): void;
}

export function restoreProgress(options: ProgressOptions): RestoreProgressView {
  const { guildId, jobId } = options;
  const headingId = uid('restore-progress-title');
  const heading = h('h2', { id: headingId, tabindex: '-1' }, 'Restore in progress');
  const live = h('p', {
    class: 'restore-status',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'restore-status',
  });
  const bar = h('progress', {
    class: 'restore-bar',
    'aria-labelledby': headingId,
    'data-testid': 'restore-progress-bar',
  });
  const counts = h('p', { class: 'restore-counts', 'data-testid': 'restore-counts' });
  const connection = h('p', { class: 'hint', 'data-testid': 'restore-connection', hidden: true });
  const cancel = h(
    'button',
    { type: 'button', class: 'button danger', 'data-testid': 'restore-cancel' },
    'Cancel the restore',
  );
  const notice = options.notice ? h('p', { class: 'alert info' }, options.notice) : null;
  const meta = h('p', { class: 'muted' }, 'Restore ', h('code', null, jobId.slice(0, 8)));
  const describe = (job: RestoreJob, ended: number | null) => {
    const name = options.backupName(job.backupId);
    mount(
      meta,
      'Restore ',
      h('code', null, jobId.slice(0, 8)),
      ' of ',
      name ? `“${name}”` : h('code', null, job.backupId),
      ended
        ? ` · ended ${formatTime(ended)}`
        : job.startedAt
          ? ` · started ${formatTime(job.startedAt)}`
          : ` · queued ${formatTime(job.createdAt)}`,
    );
  };

  const progress = h(
    'div',
    { class: 'restore-progress', 'data-testid': 'restore-progress' },
    bar,
    counts,
    options.canCancel && h('div', { class: 'actions' }, cancel),
  );
  const body = h('div', null, progress);
  const el = h(
    'section',
    { class: 'card restore-job', 'aria-labelledby': headingId, 'data-testid': 'restore-job' },
    heading,
    notice,
    meta,
    live,
    body,
    connection,
  );

  let lastStatus = '';
  let lastSpoken = '';
  let ended = false;

  const show = (job: RestoreJob) => {
    connection.hidden = true;
    if (ENDED.includes(job.status)) return finish(job);
    // The safety backup now exists: show it in the list.
    if (lastStatus === 'planned' && job.status !== 'planned') options.changed();
    lastStatus = job.status;
    describe(job, null);
    const { total, done } = job;
    if (total > 0) {
      bar.max = total;
      bar.value = done;
      bar.setAttribute('aria-valuetext', `${done} of ${total} operations`);
    } else {
      bar.removeAttribute('value');
      bar.removeAttribute('aria-valuetext');
    }
    const c = job.counts;
    counts.textContent = total
      ? [
          `${done.toLocaleString()} / ${total.toLocaleString()} operations`,
          `${c.done.toLocaleString()} done`,
          `${c.failed.toLocaleString()} failed`,
          `${c.skipped.toLocaleString()} skipped`,
          job.status === 'running' ? `about ${roughDuration(job.etaSeconds)} left` : '',
        ]
          .filter(Boolean)
          .join(' · ')
      : 'Preparing the operations…';
    // Speak when the status changes and at every quarter of the way, not on every poll.
    const quarter = total ? Math.floor((done / total) * 4) : 0;
    if (`${job.status}:${quarter}` !== lastSpoken) {
      lastSpoken = `${job.status}:${quarter}`;
      // The numbers are on screen below; they are only added here for screen readers.
      mount(
        live,
        statusText(job),
        quarter > 0 && h('span', { class: 'sr-only' }, ` ${done} of ${total} operations.`),
      );
    }
    live.dataset.status = job.status;
    const cancellable = ['planned', 'running', 'paused'].includes(job.status);
    cancel.disabled = !cancellable;
    cancel.textContent = job.status === 'cancelling' ? 'Cancelling…' : 'Cancel the restore';
  };

  function finish(job: RestoreJob) {
    if (ended) return;
    ended = true;
    const hadFocus = el.contains(document.activeElement);
    const o = outcome(job);
    heading.textContent = 'Restore report';
    el.dataset.tone = o.tone;
    describe(job, job.finishedAt);
    // The report says it all on screen; the status line stays for screen readers.
    live.classList.add('sr-only');
    live.dataset.status = job.status;
    live.textContent = `${o.title}${job.status === 'failed' && job.statusReason ? `: ${job.statusReason}` : '.'}${
      job.report ? ` ${verification(job.report.remaining)}` : ''
    }`;
    mount(body, restoreReport(job, options.dismissed));
    if (hadFocus) heading.focus();
    options.changed();
  }

  cancel.addEventListener('click', async () => {
    const cancelled = await confirmAction({
      title: 'Cancel the restore?',
      message:
        'It stops after the operation in progress. What is already done stays done; the safety backup stays pinned.',
      confirmLabel: 'Cancel the restore',
      danger: true,
      action: async () => {
        const job = await cancelRestore(guildId, jobId);
        show(job);
      },
    });
    // The button is disabled (or gone) now: keep the focus in the view.
    if (cancelled && (cancel.disabled || !cancel.isConnected)) heading.focus();
  });

  if (options.initial) show(options.initial);
  else live.textContent = 'Reading the restore…';

  // Start once the caller has put the view in the page; stop when it leaves the page.
  window.setTimeout(async () => {
    try {
      await followRestore(
        guildId,
        jobId,
        show,
        () => el.isConnected && !ended,
        (error) => {
          connection.hidden = false;
          connection.textContent = `${describeError(error)} Retrying…`;
        },
      );
    } catch (error) {
      if (el.isConnected) mount(body, errorBox(error));
    }
  }, 0);

  return { el, focus: () => heading.focus() };
}
