/**
 * The final report of a restore that ended: done ✅ (⚠️ with failures or differences left), cancelled 🛑 or
 * failed ❌ with the reason; what was created, updated, deleted, skipped and failed (with the failure lines),
 * the API calls, the duration and the verification pass (`remaining`).
 */

import { h } from '../dom';
import { plural } from '../format';
import type { RestoreJob } from '../types';

export interface Outcome {
  icon: string;
  title: string;
  tone: 'ok' | 'warn' | 'bad';
}

export function outcome(job: RestoreJob): Outcome {
  const r = job.report;
  if (job.status === 'failed') return { icon: '❌', title: 'Restore failed', tone: 'bad' };
  if (job.status === 'cancelled' || r?.status === 'cancelled')
    return { icon: '🛑', title: 'Restore cancelled', tone: 'warn' };
  const clean = !r || (r.counts.failed === 0 && r.remaining === 0);
  return clean
    ? { icon: '✅', title: 'Restore finished', tone: 'ok' }
    : { icon: '⚠️', title: 'Restore finished with problems', tone: 'warn' };
}

/** "0.8 s", "42.1 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 90) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

export function verification(remaining: number | null): string {
  if (remaining === null) return 'The verification did not run.';
  if (remaining === 0) return 'The server now matches the backup.';
  return `${remaining === 1 ? '1 difference remains' : `${remaining.toLocaleString()} differences remain`} (see the warnings of a new preview).`;
}

export function restoreReport(job: RestoreJob, dismiss: () => void): HTMLElement {
  const r = job.report;
  const o = outcome(job);
  const stat = (label: string, value: string | number, testId: string) => [
    h('dt', null, label),
    h('dd', { 'data-testid': testId }, typeof value === 'number' ? value.toLocaleString() : value),
  ];
  const notStarted = r ? r.counts.pending + r.counts.in_flight : 0;
  return h(
    'div',
    { class: 'restore-report', 'data-testid': 'restore-report', 'data-status': job.status },
    h(
      'p',
      { class: 'report-title', 'data-tone': o.tone, 'data-testid': 'restore-report-status' },
      h('span', { 'aria-hidden': 'true' }, `${o.icon} `),
      o.title,
      job.status === 'failed' && job.statusReason ? `: ${job.statusReason}` : '',
    ),
    job.status === 'failed' && !r && job.done === 0 && h('p', null, 'The server was not changed.'),
    r &&
      h(
        'dl',
        { class: 'meta report-stats' },
        stat('Created', r.changes.created, 'restore-report-created'),
        stat('Updated', r.changes.updated, 'restore-report-updated'),
        stat('Deleted', r.changes.deleted, 'restore-report-deleted'),
        stat('Skipped', r.counts.skipped, 'restore-report-skipped'),
        stat('Failed', r.counts.failed, 'restore-report-failed'),
        notStarted > 0 && stat('Not started', notStarted, 'restore-report-not-started'),
        stat('API calls', r.calls, 'restore-report-calls'),
        stat('Took', formatDuration(r.durationMs), 'restore-report-duration'),
      ),
    r &&
      h(
        'p',
        {
          class: 'report-verification',
          'data-tone': r.remaining === 0 ? 'ok' : 'warn',
          'data-testid': 'restore-report-verification',
        },
        h('span', { 'aria-hidden': 'true' }, r.remaining === 0 ? '✅ ' : '⚠️ '),
        verification(r.remaining),
      ),
    r &&
      r.failures.length > 0 &&
      h(
        'div',
        null,
        h('h3', null, `Failures (${plural(r.counts.failed, 'operation')})`),
        h(
          'ul',
          { class: 'failures', 'data-testid': 'restore-report-failures' },
          r.failures.map((line) => h('li', null, h('code', null, line))),
        ),
      ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'button', 'data-testid': 'restore-dismiss', onclick: dismiss },
        'Dismiss',
      ),
    ),
  );
}
