/**
 * A time-series line chart in inline SVG (no library), for the owner view's health history: one line per
 * series over a fixed span of time, dashed threshold lines, labelled gridlines, an optional strip of
 * coloured marks under the plot (the tier of each point), and a hover strip per point whose tooltip says
 * that moment in words. A line breaks where a value is missing or points are further apart than a step
 * (a missed evaluation). The chart is `role="img"`, named by its title and described by the caller's text
 * summary. Colours come from CSS classes (styles/charts.css).
 */

import { svg, uid } from '../dom';
import { r } from './charts';

export interface LineSeries {
  /** Its colour: the class `series-<key>`. */
  key: string;
  /** One value per point (aligned with `times`); null leaves a gap. */
  values: (number | null)[];
}

export interface Threshold {
  value: number;
  label: string;
  /** Its colour class, e.g. `tier-critical`. */
  className: string;
}

export interface LineChartOptions {
  /** The points' times (ms), oldest first. */
  times: number[];
  fromMs: number;
  toMs: number;
  /** The time between two points; a longer distance breaks the line. */
  stepMs: number;
  series: LineSeries[];
  /** The bottom and top of the y axis; `log` spaces powers of ten evenly (for latencies). */
  yMin: number;
  yMax: number;
  log?: boolean;
  /** Values with a gridline and a label on the left. */
  ticks: number[];
  thresholds?: Threshold[];
  /** A class per point for the strip under the plot (e.g. `tier-degraded`). */
  strip?: string[];
  /** Each point's tooltip. */
  titles: string[];
  formatY(value: number): string;
  formatX(ms: number): string;
  /** The chart's name (its SVG title) and the id of the text that describes it. */
  name: string;
  describedBy: string;
  testId?: string;
}

// The coordinate system: scaled to the card's width (at most 40rem, see .chart-line).
const W = 320;
const H = 150;
const LEFT = 38;
const RIGHT = 4;
const TOP = 8;
const BOTTOM = 24;

export function lineChart(o: LineChartOptions): SVGSVGElement {
  const base = H - BOTTOM;
  const plot = base - TOP;
  const span = Math.max(1, o.toMs - o.fromMs);
  const x = (ms: number) =>
    LEFT + ((Math.min(Math.max(ms, o.fromMs), o.toMs) - o.fromMs) / span) * (W - LEFT - RIGHT);
  const share = o.log
    ? (v: number) => Math.log(Math.max(v, o.yMin) / o.yMin) / Math.log(o.yMax / o.yMin)
    : (v: number) => (v - o.yMin) / (o.yMax - o.yMin || 1);
  const y = (v: number) => base - Math.min(1, Math.max(0, share(v))) * plot;
  const titleId = uid('chart-title');

  const grid = o.ticks.map((t) =>
    svg(
      'g',
      null,
      svg('line', { x1: LEFT, x2: W - RIGHT, y1: r(y(t)), y2: r(y(t)), class: 'grid' }),
      svg('text', { x: LEFT - 4, y: r(y(t) + 3), 'text-anchor': 'end' }, o.formatY(t)),
    ),
  );
  const thresholds = (o.thresholds ?? []).map((t) =>
    svg(
      'g',
      { class: t.className },
      svg('line', { x1: LEFT, x2: W - RIGHT, y1: r(y(t.value)), y2: r(y(t.value)), class: 'threshold' }),
      svg('text', { x: W - RIGHT - 2, y: r(y(t.value) - 3), 'text-anchor': 'end' }, t.label),
    ),
  );
  const lines = o.series.map((s) => {
    // Runs of consecutive points with values; a run of one is drawn as a dot.
    const runs: [number, number][][] = [];
    let run: [number, number][] = [];
    s.values.forEach((v, i) => {
      const t = o.times[i] as number;
      const previous = o.times[i - 1];
      if (v === null || (previous !== undefined && t - previous > o.stepMs * 1.5)) {
        if (run.length) runs.push(run);
        run = [];
      }
      if (v !== null) run.push([r(x(t)), r(y(v))]);
    });
    if (run.length) runs.push(run);
    return svg(
      'g',
      { class: `series-${s.key}` },
      runs.map((points) =>
        points.length > 1
          ? svg('polyline', { points: points.map((p) => p.join(',')).join(' '), class: 'line' })
          : svg('circle', { cx: points[0]?.[0], cy: points[0]?.[1], r: 1.5 }),
      ),
    );
  });
  // Each point's share of the width: its strip mark and the area that shows its tooltip.
  const half = o.stepMs / 2;
  const slots = o.times.map((t, i) => {
    const left = x(t - half);
    const width = Math.max(0.5, x(t + half) - left);
    return svg(
      'g',
      { class: 'point' },
      svg('title', null, o.titles[i]),
      o.strip?.[i] &&
        svg('rect', { x: r(left), y: base + 2, width: r(width), height: 4, class: `strip ${o.strip[i]}` }),
      svg('rect', { x: r(left), y: TOP, width: r(width), height: plot + 6, class: 'hit' }),
    );
  });
  const axis = [o.fromMs, o.fromMs + span / 2, o.toMs].map((ms, i) =>
    svg('text', { x: r(x(ms)), y: H - 4, 'text-anchor': ['start', 'middle', 'end'][i] }, o.formatX(ms)),
  );
  return svg(
    'svg',
    {
      class: 'chart chart-line',
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': titleId,
      'aria-describedby': o.describedBy,
      'data-testid': o.testId,
    },
    svg('title', { id: titleId }, o.name),
    grid,
    svg('line', { x1: LEFT, x2: W - RIGHT, y1: base + 0.5, y2: base + 0.5, class: 'baseline' }),
    thresholds,
    lines,
    slots,
    axis,
  );
}
