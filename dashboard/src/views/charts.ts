/**
 * Small inline-SVG charts (no library): columns with their values, horizontal bars, a stacked bar and a
 * sparkline (the time-series line chart is views/line-chart.ts, loaded with the owner view's health card).
 * Colours come from CSS classes (styles/charts.css). Every chart is either hidden from assistive
 * technology next to the same numbers as text, or an image with a text alternative; callers add the text.
 */

import { type Child, h, svg, uid } from '../dom';

export interface Column {
  /** The axis label (shown for the first, middle and last column). */
  label: string;
  value: number;
  /** The tooltip: the label with the value in words. */
  title: string;
}

// The column chart's coordinate system: scaled to the card's width (at most 32rem, see .chart-columns).
const W = 300;
const H = 120;
const TOP = 12;
const BOTTOM = 16;

/**
 * Vertical bars, each with its value above it (zero values show no number), and the first, middle and last
 * labels under the axis. `describedBy` is the id of the text summary; the chart is `role="img"`.
 */
export function columnChart(columns: Column[], name: string, describedBy: string): SVGSVGElement {
  const max = Math.max(1, ...columns.map((c) => c.value));
  const slot = W / Math.max(1, columns.length);
  const barWidth = Math.max(1, slot * 0.7);
  const plot = H - TOP - BOTTOM;
  const base = H - BOTTOM;
  const titleId = uid('chart-title');
  const marks = columns.map((c, i) => {
    const x = i * slot;
    const height = c.value > 0 ? Math.max(2, (c.value / max) * plot) : 0;
    return svg(
      'g',
      { class: 'column' },
      svg('title', null, c.title),
      // A full-height hit area, so the tooltip also appears over short bars.
      svg('rect', { x: r(x), y: 0, width: r(slot), height: base, class: 'hit' }),
      height > 0 &&
        svg('rect', {
          x: r(x + (slot - barWidth) / 2),
          y: r(base - height),
          width: r(barWidth),
          height: r(height),
          rx: 1,
          class: 'fill',
        }),
      c.value > 0 &&
        svg(
          'text',
          { x: r(x + slot / 2), y: r(base - height - 3), 'text-anchor': 'middle', class: 'value' },
          String(c.value),
        ),
    );
  });
  const last = columns.length - 1;
  const axisLabels = [0, Math.floor(last / 2), last]
    .filter((i, n, all) => i >= 0 && all.indexOf(i) === n)
    .map((i) => {
      const anchor = i === 0 && last > 0 ? 'start' : i === last && last > 0 ? 'end' : 'middle';
      const x = anchor === 'start' ? 0 : anchor === 'end' ? W : (i + 0.5) * slot;
      return svg('text', { x: r(x), y: H - 4, 'text-anchor': anchor, class: 'axis' }, columns[i]?.label);
    });
  return svg(
    'svg',
    {
      class: 'chart chart-columns',
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': titleId,
      'aria-describedby': describedBy,
    },
    svg('title', { id: titleId }, name),
    svg('line', { x1: 0, x2: W, y1: base + 0.5, y2: base + 0.5, class: 'baseline' }),
    marks,
    axisLabels,
  );
}

export interface BarRow {
  label: Child;
  value: number;
  /** The part of `value` drawn in the "bad" colour at the end of the bar (e.g. failed runs). */
  bad?: number;
  /** The numbers in words, shown next to the bar. */
  text: Child;
  testId?: string;
}

/** Horizontal bars as a list: label, bar (decorative) and the numbers as text, on one line or two. */
export function barList(rows: BarRow[], label: string): HTMLElement {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return h(
    'ol',
    { class: 'bar-list', 'aria-label': label },
    rows.map((row) => {
      const width = (row.value / max) * 100;
      const bad = Math.min(row.bad ?? 0, row.value);
      const badWidth = (bad / max) * 100;
      return h(
        'li',
        { 'data-testid': row.testId },
        h('span', { class: 'bar-label' }, row.label),
        svg(
          'svg',
          {
            class: 'chart chart-bar',
            viewBox: '0 0 100 10',
            preserveAspectRatio: 'none',
            'aria-hidden': 'true',
            focusable: 'false',
          },
          svg('rect', { x: 0, y: 0, width: r(width), height: 10, class: 'fill' }),
          badWidth > 0 &&
            svg('rect', { x: r(width - badWidth), y: 0, width: r(badWidth), height: 10, class: 'bad' }),
        ),
        h('span', { class: 'bar-value' }, row.text),
      );
    }),
  );
}

export interface Part {
  key: string;
  label: string;
  value: number;
}

/** One bar split into parts (`part-<key>` colours), with a legend that carries the numbers. */
export function stackedBar(parts: Part[], label: string): HTMLElement {
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  let x = 0;
  const segments = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const width = total ? (p.value / total) * 100 : 0;
      const rect = svg('rect', { x: r(x), y: 0, width: r(width), height: 10, class: `part-${p.key}` });
      x += width;
      return rect;
    });
  return h(
    'div',
    { class: 'stacked' },
    svg(
      'svg',
      {
        class: 'chart chart-bar',
        viewBox: '0 0 100 10',
        preserveAspectRatio: 'none',
        'aria-hidden': 'true',
        focusable: 'false',
      },
      segments,
    ),
    h(
      'ul',
      { class: 'legend', 'aria-label': label },
      parts.map((p) =>
        h(
          'li',
          null,
          h('span', { class: `swatch part-${p.key}`, 'aria-hidden': 'true' }),
          `${p.label}: `,
          h('strong', null, p.value.toLocaleString()),
        ),
      ),
    ),
  );
}

/**
 * A tiny line of the values (oldest first) scaled between their minimum and maximum, the last one marked;
 * `name` is its text alternative. Fewer than two values draw nothing but the text.
 */
export function sparkline(values: number[], name: string, testId?: string): Element {
  if (values.length < 2)
    return h(
      'span',
      { class: 'muted', 'data-testid': testId },
      h('span', { 'aria-hidden': 'true' }, '—'),
      h('span', { class: 'sr-only' }, name),
    );
  const width = 96;
  const height = 24;
  const pad = 2;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = (width - pad * 2) / (values.length - 1);
  const points = values.map((v, i) => {
    const x = pad + i * step;
    const y = max === min ? height / 2 : height - pad - ((v - min) / span) * (height - pad * 2);
    return [r(x), r(y)] as const;
  });
  const [lastX, lastY] = points[points.length - 1] ?? [0, 0];
  return svg(
    'svg',
    {
      class: 'chart sparkline',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'data-testid': testId,
    },
    svg('title', null, name),
    svg('polyline', { points: points.map((p) => p.join(',')).join(' '), class: 'line' }),
    svg('circle', { cx: lastX, cy: lastY, r: 2, class: 'dot' }),
  );
}

/** Coordinates rounded to 0.1: shorter markup, no visible difference (also for views/line-chart.ts). */
export function r(value: number): number {
  return Math.round(value * 10) / 10;
}
