/**
 * The bot owner's overview: the health card (views/owner-health.ts, loaded on demand with its own request),
 * then `GET /api/owner/overview`: servers and commands, the most used commands with their error rates,
 * slash-command usage against Discord's limit, shard health (with a latency sparkline of the last 30
 * heartbeats), and configuration checks.
 */

import { api } from '../api';
import { h, mount } from '../dom';
import { percent } from '../format';
import type { Overview } from '../types';
import { badge, card, empty, errorBox, loading } from '../ui';
import { sparkline } from './charts';

export function ownerView(): HTMLElement {
  const body = h('div', { class: 'stack', 'data-testid': 'owner-body' });
  const load = async () => {
    mount(body, loading('Loading the overview…'));
    try {
      const data = await api.get<Overview>('/api/owner/overview');
      mount(
        body,
        tiles(data),
        serversCard(data),
        commandsCard(data),
        slashCard(data),
        shardsCard(data),
        configCard(data),
      );
    } catch (error) {
      mount(body, errorBox(error, load));
    }
  };
  void load();
  return h(
    'section',
    { 'aria-labelledby': 'owner-title', 'data-testid': 'owner-view' },
    h('h1', { id: 'owner-title', tabindex: '-1' }, 'Owner overview'),
    h('div', { class: 'stack' }, healthSlot(), body),
  );
}

/** The Health card, whose code (and its chart) is only fetched when a bot owner opens this view. */
function healthSlot(): HTMLElement {
  const slot = h('div', null, loading('Loading the health…'));
  import('./owner-health').then(
    ({ healthCard }) => slot.replaceWith(healthCard()),
    (error) => mount(slot, errorBox(error)),
  );
  return slot;
}

function tiles(data: Overview): HTMLElement {
  const tile = (label: string, value: string, testId: string, sub?: string) =>
    h(
      'div',
      { class: 'tile', 'data-testid': testId },
      h('span', { class: 'tile-value' }, value),
      h('span', null, label),
      sub && h('span', { class: 'muted' }, sub),
    );
  return h(
    'div',
    { class: 'tiles' },
    tile('servers', data.guilds.toLocaleString(), 'owner-guilds'),
    tile('commands run', data.commands.total.toLocaleString(), 'owner-commands'),
    tile(
      'errors',
      data.commands.errors.toLocaleString(),
      'owner-errors',
      `${percent(data.commands.errors, data.commands.total)} of runs`,
    ),
  );
}

/** A table that scrolls sideways on narrow screens (focusable, so the keyboard can scroll it too). */
function table(label: string, headers: string[], rows: HTMLTableRowElement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label },
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((text) => h('th', { scope: 'col' }, text)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

/** The servers the bot is in, each a link to its page. */
function serversCard(data: Overview): HTMLElement {
  const list = data.servers.map((s) =>
    h(
      'li',
      { 'data-testid': `owner-server-${s.id}` },
      h('a', { href: `/guilds/${s.id}` }, s.name),
      h('span', { class: 'muted' }, ` ${s.id}`),
    ),
  );
  return card(
    'Servers with the bot',
    'owner-servers',
    list.length ? h('ul', { class: 'plain-list' }, list) : empty('The bot is in no server yet.'),
    data.guilds > data.servers.length &&
      h('p', { class: 'muted' }, `… and ${data.guilds - data.servers.length} more`),
  );
}

function commandsCard(data: Overview): HTMLElement {
  const top = data.commands.top;
  const most = Math.max(1, ...top.map((c) => c.uses));
  const rows = top.map((c) =>
    h(
      'tr',
      { 'data-testid': `owner-command-${c.name}` },
      h('th', { scope: 'row' }, h('code', null, c.name)),
      h(
        'td',
        null,
        h('span', { class: 'bar', style: `--w:${(c.uses / most).toFixed(3)}`, 'aria-hidden': 'true' }),
        c.uses.toLocaleString(),
      ),
      h('td', null, c.errors.toLocaleString()),
      h(
        'td',
        { class: c.errors / Math.max(1, c.uses) >= 0.05 ? 'bad-text' : null },
        percent(c.errors, c.uses),
      ),
    ),
  );
  return card(
    'Most used commands',
    'owner-top-commands',
    top.length
      ? table('Most used commands', ['Command', 'Uses', 'Errors', 'Error rate'], rows)
      : empty('No commands have run yet.'),
  );
}

function slashCard(data: Overview): HTMLElement {
  const { used, limit, safe, warning } = data.slash;
  const status =
    used >= safe
      ? badge('At the safe limit', 'bad')
      : used >= warning
        ? badge('Warning', 'warn')
        : badge('OK', 'good');
  return card(
    'Slash commands',
    'owner-slash',
    h(
      'p',
      null,
      h('label', { for: 'slash-meter' }, `${used} of ${limit} slash commands registered `),
      status,
    ),
    h('meter', {
      id: 'slash-meter',
      class: 'wide',
      min: 0,
      max: limit,
      low: warning,
      high: safe,
      optimum: 0,
      value: used,
    }),
    h(
      'p',
      { class: 'hint' },
      `Warning from ${warning}; past ${safe}, new commands stay prefix-only. Discord allows ${limit}.`,
    ),
  );
}

function shardsCard(data: Overview): HTMLElement {
  const healthy = data.shards.filter((s) => s.healthy).length;
  const rows = data.shards.map((s) =>
    h(
      'tr',
      { 'data-testid': `owner-shard-${s.id}` },
      h('th', { scope: 'row' }, `#${s.id}`),
      h('td', null, s.state),
      h('td', null, s.latencyMs === null ? '—' : `${Math.round(s.latencyMs)} ms`),
      h('td', { class: 'trend' }, latencyTrend(s.id, s.latencies ?? [])),
      h('td', null, s.guilds.toLocaleString()),
      h(
        'td',
        null,
        s.healthy ? badge('Healthy', 'good') : badge('Unhealthy', 'bad'),
        s.reason && h('span', { class: 'muted' }, ` ${s.reason}`),
      ),
    ),
  );
  return card(
    `Shards (${healthy} of ${data.shards.length} healthy)`,
    'owner-shards',
    data.shards.length
      ? table('Shards', ['Shard', 'State', 'Latency', 'Trend', 'Servers', 'Health'], rows)
      : empty('No shards are running (prefix commands are off, or the gateway has not started yet).'),
  );
}

/** The shard's recent heartbeat latencies as a sparkline, described in words (lowest, highest, latest). */
function latencyTrend(id: number, samples: number[]): Element {
  const testId = `owner-shard-latency-${id}`;
  if (samples.length < 2) return sparkline(samples, 'Not enough latency samples yet', testId);
  const ms = (n: number) => `${Math.round(n)} ms`;
  const last = samples[samples.length - 1] ?? 0;
  return sparkline(
    samples,
    `Latency of shard ${id}, last ${samples.length} heartbeats: lowest ${ms(Math.min(...samples))}, ` +
      `highest ${ms(Math.max(...samples))}, latest ${ms(last)}`,
    testId,
  );
}

function configCard(data: Overview): HTMLElement {
  const failing = data.config.filter((c) => !c.ok).length;
  return card(
    failing ? `Configuration (${failing} to fix)` : 'Configuration',
    'owner-config',
    data.config.length
      ? h(
          'ul',
          { class: 'checks' },
          data.config.map((c) =>
            h(
              'li',
              { class: c.ok ? 'ok' : 'bad', 'data-testid': `owner-config-${c.name}` },
              h('span', { class: 'check-mark', 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'),
              h('strong', null, c.name),
              h('span', { class: 'sr-only' }, c.ok ? ' (ok)' : ' (problem)'),
              ': ',
              c.message,
            ),
          ),
        )
      : empty('No checks.'),
  );
}
