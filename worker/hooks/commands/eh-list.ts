import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { colours, relativeTime } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { type HookState, isOpen, loadAllHookStates } from '../hook-state';
import { installedExtensions } from '../installed-extensions';
import { averages, type Metrics, readMetrics } from '../metrics';
import { type RegisteredHook, registeredHooks } from '../registered-hooks';
import { HOOKS_CATEGORY } from './hook-ids';

/** One field per event (Discord allows 25 fields; one is kept for the metrics). */
const MAX_EVENT_FIELDS = 24;
const FIELD_VALUE_MAX = 1024;

function hookLine(hook: RegisteredHook, state: HookState | undefined, now: number): string {
  const flags = [
    state?.disabled ? '🔴 disabled' : null,
    isOpen(state, now) && state?.openUntil ? `⚠️ breaker open until ${relativeTime(state.openUntil)}` : null,
  ].filter((f): f is string => f !== null);
  const executions = state?.executions ?? 0;
  const avg = executions ? Math.round((state?.totalMs ?? 0) / executions) : 0;
  return `${flags.length ? flags.join(' · ') : '🟢'} \`${hook.id}\` (p:${hook.priority} | exec:${executions} | fail:${state?.failureCount ?? 0} | avg:${avg} ms)`;
}

/** Lines joined up to the field limit, with a count of what did not fit. */
function fitLines(lines: string[]): string {
  let value = '';
  for (let i = 0; i < lines.length; i++) {
    const more = `\n… and ${lines.length - i} more`;
    const next = value ? `${value}\n${lines[i]}` : (lines[i] ?? '');
    if (next.length + (i < lines.length - 1 ? more.length : 0) > FIELD_VALUE_MAX) return `${value}${more}`;
    value = next;
  }
  return value;
}

export function metricsField(hooks: number, m: Metrics): APIEmbedField {
  const avg = averages(m);
  return {
    name: '📊 Metrics',
    value: [
      `Hooks: **${hooks}** · Emissions: **${m.emissions}** · Executions: **${m.executions}** · Failures: **${m.failures}**`,
      `Average time: **${avg.execMs.toFixed(1)} ms** · Average queue delay: **${Math.round(avg.queueDelayMs)} ms**`,
      `Retries: **${m.retries}** · Dead letters: **${m.dead_letters}** · Drops: **${m.drops}**`,
    ].join('\n'),
  };
}

/** The embed of `eh_list`: every hook by event, its state and counters, then the bus's metrics. */
export function hookListEmbed(
  hooks: RegisteredHook[],
  states: Map<string, HookState>,
  metrics: Metrics,
  now: number,
): APIEmbed {
  const byEvent = new Map<string, RegisteredHook[]>();
  for (const hook of hooks) byEvent.set(hook.event, [...(byEvent.get(hook.event) ?? []), hook]);
  const events = [...byEvent.entries()];
  const fields: APIEmbedField[] = events.slice(0, MAX_EVENT_FIELDS).map(([event, list]) => ({
    name: `📡 ${event} (${list.length})`,
    value: fitLines(list.map((h) => hookLine(h, states.get(h.id), now))),
  }));
  const hidden = events.length - fields.length;
  return {
    title: '🪝 Event hooks',
    color: colours.info,
    description:
      hooks.length === 0
        ? 'No hooks registered.'
        : `${hooks.length} hook(s) on ${events.length} event(s), highest priority first.${hidden > 0 ? ` ${hidden} more event(s) not shown.` : ''}`,
    fields: [...fields, metricsField(hooks.length, metrics)],
    timestamp: new Date(now).toISOString(),
  };
}

export const ehList = defineCommand({
  name: 'eh_list',
  description: 'Every event hook with its state (disabled, breaker open) and counters, and the bus metrics',
  category: HOOKS_CATEGORY,
  ownerOnly: true,
  async run(ctx) {
    const hooks = registeredHooks(await installedExtensions());
    const [states, metrics] = await Promise.all([loadAllHookStates(ctx.env.DB), readMetrics(ctx.env.DB)]);
    return reply.message({ embeds: [hookListEmbed(hooks, states, metrics, Date.now())], ephemeral: true });
  },
});
