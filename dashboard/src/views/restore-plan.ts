/**
 * The dry run in words: the one-line summary (operations, API calls, the time estimate, or "nothing to do"),
 * what it would do by operation type ("role.create × 3") and its problems (blockers ⛔ first, then warnings ⚠️).
 */

import { h } from '../dom';
import { plural } from '../format';
import { roughDuration } from '../restore-options';
import type { RestorePlan, RestoreProblem } from '../types';

/** Problems shown before the rest are folded into "N more". */
const SHOWN = 8;

export function planSummary(plan: RestorePlan): string {
  const blockers = plan.problems.filter((p) => p.severity === 'blocker').length;
  if (!plan.operations)
    return blockers
      ? `Nothing can be restored: ${plural(blockers, 'blocking problem')}.`
      : 'Nothing to do: the server already matches the backup for what is selected.';
  return [
    `${plural(plan.operations, 'operation')} · ${plural(plan.calls, 'API call')} · about ${roughDuration(plan.estimateSeconds)}`,
    blockers ? ` · blocked by ${plural(blockers, 'problem')}` : '',
    '.',
  ].join('');
}

function problemItem(problem: RestoreProblem): HTMLElement {
  const blocker = problem.severity === 'blocker';
  return h(
    'li',
    { class: blocker ? 'blocker' : 'warning', 'data-code': problem.code },
    h('span', { 'aria-hidden': 'true' }, blocker ? '⛔ ' : '⚠️ '),
    h('span', { class: 'sr-only' }, blocker ? 'Blocker: ' : 'Warning: '),
    problem.message,
  );
}

function problemList(problems: RestoreProblem[]): HTMLElement {
  const sorted = [...problems].sort(
    (a, b) => Number(b.severity === 'blocker') - Number(a.severity === 'blocker'),
  );
  const blockers = problems.filter((p) => p.severity === 'blocker').length;
  const warnings = problems.length - blockers;
  const rest = sorted.slice(SHOWN);
  return h(
    'div',
    { class: 'restore-problems', 'data-testid': 'restore-problems' },
    h(
      'h4',
      null,
      problems.length
        ? `Problems: ${plural(blockers, 'blocking', 'blocking')}, ${plural(warnings, 'warning')}`
        : 'No problems found',
    ),
    problems.length > 0 &&
      h(
        'ul',
        { class: 'problems' },
        sorted.slice(0, SHOWN).map(problemItem),
        rest.length > 0 &&
          h(
            'li',
            null,
            h(
              'details',
              null,
              h('summary', null, `${plural(rest.length, 'more problem')}`),
              h('ul', { class: 'problems' }, rest.map(problemItem)),
            ),
          ),
      ),
    blockers > 0 &&
      h('p', { class: 'bad-text' }, 'Fix the blocking problems, or change the options, to restore.'),
  );
}

/** What the plan would do and what stands in its way. */
export function planDetails(plan: RestorePlan): HTMLElement {
  const counts = Object.entries(plan.counts).filter(([, n]) => n > 0);
  return h(
    'div',
    { class: 'restore-plan-details' },
    h(
      'p',
      { class: 'muted' },
      plan.sameGuild
        ? 'Into the server it was taken from: matched by id.'
        : 'Into another server than the backup’s: every id is remapped.',
    ),
    counts.length > 0 &&
      h(
        'ul',
        { class: 'op-counts', 'aria-label': 'Operations by type' },
        counts.map(([type, n]) => h('li', null, h('code', null, type), ` × ${n.toLocaleString()}`)),
      ),
    problemList(plan.problems),
  );
}
