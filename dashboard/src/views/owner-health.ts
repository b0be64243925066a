/**
 * The owner view's Health card (`GET /api/owner/health`, loaded on its own): the tier now as a coloured
 * badge with its reasons, the error rate over its window, p50/p99 interaction latency, and two charts of the
 * history, switchable between the last 4 hours (5-minute snapshots) and the last 7 days (hourly rows, the
 * worst of each hour): the error rate with the degraded and critical thresholds (and the tier as a strip
 * under it), and p50/p99 latency. Each chart has a title and a text summary; the numbers are also a table.
 */

import { api } from '../api';
import { h, mount, uid } from '../dom';
import { formatTime, plural } from '../format';
import type { HealthPoint, HealthSeries, OwnerHealth, Tier } from '../types';
import { badge, card, empty, errorBox, loading } from '../ui';
import { lineChart } from './line-chart';

type Range = '4h' | '7d';

const TIERS: Record<Tier, { label: string; tone: 'good' | 'warn' | 'bad' }> = {
  healthy: { label: 'Healthy', tone: 'good' },
  degraded: { label: 'Degraded', tone: 'warn' },
  critical: { label: 'Critical', tone: 'bad' },
};
const RANGES: Record<Range, { label: string; stepMs: number; unit: string; axis: Intl.DateTimeFormat }> = {
  '4h': {
    label: 'Last 4 hours',
    stepMs: 5 * 60_000,
    unit: 'snapshot',
    axis: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  },
  '7d': {
    label: 'Last 7 days',
    stepMs: 60 * 60_000,
    unit: 'hour',
    axis: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }),
  },
};
/** The latency chart's top: the first of these at or above the slowest value. */
const LATENCY_TOPS = [100, 300, 1000, 3000, 10_000, 30_000];
/** Its bottom: the histogram's first bucket bound. */
const LATENCY_FLOOR_MS = 5;

const rate = (value: number) => `${value.toLocaleString(undefined, { maximumFractionDigits: 2 })} %`;
const duration = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

export function healthCard(): HTMLElement {
  const body = h('div', { class: 'stack' });
  const load = async () => {
    mount(body, loading('Loading the health…'));
    try {
      render(body, await api.get<OwnerHealth>('/api/owner/health'));
    } catch (error) {
      mount(body, errorBox(error, load));
    }
  };
  void load();
  return card('Health', 'owner-health', body);
}

function render(body: HTMLElement, data: OwnerHealth): void {
  const { current, limits } = data;
  // Latencies are histogram bucket bounds: "≤ 150 ms", or "> 15 s" past the last one.
  const latency = (ms: number | null) =>
    ms === null
      ? 'no data'
      : ms > limits.latencyCeilingMs
        ? `> ${duration(limits.latencyCeilingMs)}`
        : `≤ ${duration(ms)}`;
  const tier = TIERS[current.tier];
  const tile = (label: string, value: string | HTMLElement, testId: string, sub?: string) =>
    h(
      'div',
      { class: 'tile', 'data-testid': testId },
      h('span', { class: 'tile-value' }, value),
      h('span', null, label),
      sub && h('span', { class: 'muted' }, sub),
    );
  const charts = h('div', { class: 'stack', 'data-testid': 'health-charts' });
  const ranges = Object.keys(RANGES) as Range[];
  const buttons = ranges.map((range) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button small subtle',
        'aria-pressed': 'false',
        'data-testid': `health-range-${range}`,
        onclick: () => show(range),
      },
      RANGES[range].label,
    ),
  );
  const show = (range: Range) => {
    buttons.forEach((button, i) => {
      button.setAttribute('aria-pressed', String(ranges[i] === range));
    });
    charts.dataset.range = range;
    const series = range === '4h' ? data.history.recent : data.history.hourly;
    mount(charts, series ? history(series, range, data, latency) : empty('No history.'));
  };
  mount(
    body,
    h(
      'div',
      { class: 'tiles' },
      tile('tier now', badge(tier.label, tier.tone), 'health-tier'),
      tile(
        `error rate, last ${current.window.minutes} min`,
        rate(current.errorRate),
        'health-error-rate',
        `${current.failed.toLocaleString()} of ${plural(current.processed, 'command')} failed`,
      ),
      tile('p50 latency', latency(current.p50Ms), 'health-p50'),
      tile('p99 latency', latency(current.p99Ms), 'health-p99'),
      tile(
        'hook queue',
        current.hookQueue.toLocaleString(),
        'health-hook-queue',
        `waiting or retrying · ${plural(current.deadLetters, 'dead letter')}`,
      ),
    ),
    current.reasons.length > 0 &&
      h(
        'ul',
        { class: 'plain-list', 'data-testid': 'health-reasons' },
        current.reasons.map((reason) => h('li', null, reason)),
      ),
    h(
      'p',
      { class: 'hint' },
      current.metricsRecorded
        ? `Unknown commands (${current.unknown.toLocaleString()}) and invalid input ` +
            `(${current.invalidInput.toLocaleString()}) do not count as failures. Degraded from ` +
            `${rate(limits.degradedErrorRate)}, critical from ${rate(limits.criticalErrorRate)} ` +
            `(with at least ${limits.minCommandsForCritical} commands in the hour).`
        : 'Metrics recording is off (DIAGNOSTICS_METRICS=false): no error rate or latency is measured.',
    ),
    h('div', { class: 'range-toggle', role: 'group', 'aria-label': 'History shown' }, buttons),
    charts,
  );
  show('4h');
}

function history(
  series: HealthSeries,
  range: Range,
  data: OwnerHealth,
  latency: (ms: number | null) => string,
): Element[] {
  const { label, stepMs, unit, axis } = RANGES[range];
  const points = series.points;
  const when = (p: HealthPoint) => formatTime(p.at);
  if (!points.length)
    return [
      empty(
        `No health snapshots in the ${label.toLowerCase()} yet: the cron trigger evaluates the health every 5 minutes.`,
        'health-history-empty',
      ),
    ];
  const common = {
    times: points.map((p) => p.at),
    fromMs: series.fromMs,
    toMs: series.toMs,
    stepMs,
    formatX: (ms: number) => axis.format(new Date(ms)),
  };
  const over = `${label.toLowerCase()} (${plural(points.length, unit)})`;

  // Error rate, with the thresholds and the tier strip.
  const { degradedErrorRate, criticalErrorRate } = data.limits;
  const peak = points.reduce((a, b) => (b.errorRate > a.errorRate ? b : a));
  const last = points[points.length - 1] as HealthPoint;
  const rateTop = Math.max(criticalErrorRate * 1.5, Math.ceil((peak.errorRate * 1.1) / 5) * 5);
  const tierCounts = (Object.keys(TIERS) as Tier[])
    .map((t) => [t, points.filter((p) => p.tier === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${TIERS[t].label.toLowerCase()}`);
  const rateId = uid('health-rate');
  const rateSummary = h(
    'p',
    { id: rateId, 'data-testid': 'health-error-summary' },
    `Over the ${over}: the error rate peaked at ${rate(peak.errorRate)} (${when(peak)}) and is ` +
      `${rate(last.errorRate)} in the latest; tiers: ${tierCounts.join(', ')}.`,
  );
  const rateChart = lineChart({
    ...common,
    series: [{ key: 'rate', values: points.map((p) => p.errorRate) }],
    yMin: 0,
    yMax: rateTop,
    ticks: [0, rateTop],
    thresholds: [
      { value: degradedErrorRate, label: `degraded ${rate(degradedErrorRate)}`, className: 'tier-degraded' },
      { value: criticalErrorRate, label: `critical ${rate(criticalErrorRate)}`, className: 'tier-critical' },
    ],
    strip: points.map((p) => `tier-${p.tier}`),
    titles: points.map(
      (p) =>
        `${when(p)}: ${TIERS[p.tier].label}, error rate ${rate(p.errorRate)} ` +
        `(${p.failed} of ${plural(p.processed, 'command')} failed)`,
    ),
    formatY: rate,
    name: `Error rate, ${label.toLowerCase()}`,
    describedBy: rateId,
    testId: 'health-error-chart',
  });

  // Latency p50 and p99 on a logarithmic axis.
  const measured = points.filter((p) => p.p99Ms !== null || p.p50Ms !== null);
  const slowest = Math.max(0, ...measured.map((p) => p.p99Ms ?? p.p50Ms ?? 0));
  const latencyTop = LATENCY_TOPS.find((top) => top >= slowest) ?? (LATENCY_TOPS.at(-1) as number);
  const slowPeak = measured.reduce<HealthPoint | null>(
    (a, b) => (a === null || (b.p99Ms ?? 0) > (a.p99Ms ?? 0) ? b : a),
    null,
  );
  const lastMeasured = measured[measured.length - 1];
  const latencyId = uid('health-latency');
  const latencySummary = h(
    'p',
    { id: latencyId, 'data-testid': 'health-latency-summary' },
    slowPeak && lastMeasured
      ? `Over the ${over}: p99 peaked at ${latency(slowPeak.p99Ms)} (${when(slowPeak)}); the latest ` +
          `measured (${when(lastMeasured)}): p50 ${latency(lastMeasured.p50Ms)}, p99 ${latency(lastMeasured.p99Ms)}.`
      : `No latency was measured in the ${label.toLowerCase()} (no commands ran).`,
  );
  const latencyChart = lineChart({
    ...common,
    series: [
      { key: 'p50', values: points.map((p) => p.p50Ms) },
      { key: 'p99', values: points.map((p) => p.p99Ms) },
    ],
    yMin: LATENCY_FLOOR_MS,
    yMax: latencyTop,
    log: true,
    ticks: [10, 100, 1000, 10_000].filter((t) => t <= latencyTop),
    titles: points.map((p) => `${when(p)}: p50 ${latency(p.p50Ms)}, p99 ${latency(p.p99Ms)}`),
    formatY: duration,
    name: `Latency p50 and p99, ${label.toLowerCase()}`,
    describedBy: latencyId,
    testId: 'health-latency-chart',
  });

  return [
    h('h3', null, 'Error rate'),
    rateSummary,
    rateChart,
    legend([
      ['series-rate', 'error rate'],
      ['', 'tier (the strip under the chart):'],
      ['tier-healthy', 'healthy'],
      ['tier-degraded', `degraded (≥ ${rate(degradedErrorRate)})`],
      ['tier-critical', `critical (≥ ${rate(criticalErrorRate)})`],
    ]),
    h('h3', null, 'Latency'),
    latencySummary,
    latencyChart,
    legend([
      ['series-p50', 'p50'],
      ['series-p99', 'p99'],
    ]),
    numbers(points, label, latency),
  ];
}

function legend(items: [string, string][]): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    items.map(([className, text]) =>
      h('li', null, className && h('span', { class: `swatch ${className}` }), text),
    ),
  );
}

/** The same history as a table, newest first, behind "Show the numbers". */
function numbers(points: HealthPoint[], label: string, latency: (ms: number | null) => string): HTMLElement {
  const headers = ['Time', 'Tier', 'Error rate', 'Failed / ran', 'p50', 'p99'];
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', null, 'Show the numbers'),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': `Health, ${label.toLowerCase()}` },
      h(
        'table',
        { 'data-testid': 'health-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            headers.map((text) => h('th', { scope: 'col' }, text)),
          ),
        ),
        h(
          'tbody',
          null,
          [...points]
            .reverse()
            .map((p) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, formatTime(p.at)),
                h('td', null, TIERS[p.tier].label),
                h('td', null, rate(p.errorRate)),
                h('td', null, `${p.failed} / ${p.processed}`),
                h('td', null, latency(p.p50Ms)),
                h('td', null, latency(p.p99Ms)),
              ),
            ),
        ),
      ),
    ),
  );
}
