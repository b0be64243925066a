import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { colours } from '../../framework/embeds';
import { HEALTH_EMOJI, type HealthLevel, shardHealth } from '../../gateway/shard-health';
import { latencyStats, uptimePercent } from '../../gateway/shard-metrics';
import { ago, type Fleet, NO_SHARDS } from './fleet';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: number[]) => (values.length ? Math.round(sum(values) / values.length) : null);

export function noShardsEmbed(title: string): APIEmbed {
  return { title, color: colours.warning, description: NO_SHARDS };
}

function healthOf(fleet: Fleet) {
  return fleet.reports.map((r) => ({ r, h: shardHealth(r.metrics, fleet.alerts.threshold, fleet.now) }));
}

export function overviewEmbed(fleet: Fleet): APIEmbed {
  if (!fleet.reports.length) return noShardsEmbed('📡 Shard monitor');
  const rows = healthOf(fleet);
  const averages = fleet.reports
    .map((r) => latencyStats(r.metrics).average)
    .filter((v): v is number => v !== null);
  const healthy = rows.filter((x) => x.h.level === 'healthy').length;
  const fields: APIEmbedField[] = [
    {
      name: '📊 Cluster stats',
      value: [
        `Guilds: ${sum(fleet.reports.map((r) => r.metrics.guilds))}`,
        `Avg latency: ${ms(mean(averages))}`,
        `Messages: ${sum(fleet.reports.map((r) => r.metrics.messages))}`,
        `Commands: ${sum(fleet.reports.map((r) => r.metrics.commands))}`,
      ].join('\n'),
      inline: true,
    },
    {
      name: '❤️ Health',
      value: `Healthy: ${healthy}\nIssues: ${rows.length - healthy}`,
      inline: true,
    },
    {
      name: '⏱️ Avg uptime',
      value: `${(sum(fleet.reports.map((r) => uptimePercent(r.metrics, fleet.now))) / fleet.reports.length).toFixed(1)}%`,
      inline: true,
    },
  ];
  fields.push({
    name: '🔀 Shards',
    value:
      rows.length <= 15
        ? rows
            .map(
              ({ r, h }) =>
                `${HEALTH_EMOJI[h.level]} S${r.metrics.shardId}: ${r.metrics.guilds}g | ${ms(latencyStats(r.metrics).current)} | ${uptimePercent(r.metrics, fleet.now).toFixed(1)}%`,
            )
            .join('\n')
        : `${rows.length} shards: use \`/sharddetails\` for one.`,
  });
  fields.push({
    name: '🔔 Alerts',
    value: `${fleet.alerts.channelId ? `<#${fleet.alerts.channelId}>` : 'Disabled'} · threshold ${fleet.alerts.threshold}`,
  });
  return {
    title: '📡 Shard monitor: overview',
    color: colours.info,
    fields,
    timestamp: new Date(fleet.now).toISOString(),
  };
}

export function healthEmbed(fleet: Fleet): APIEmbed {
  if (!fleet.reports.length) return noShardsEmbed('❤️ Shard health');
  const rows = healthOf(fleet);
  const bucket = (level: HealthLevel) => rows.filter((x) => x.h.level === level);
  const overall: HealthLevel = bucket('critical').length
    ? 'critical'
    : bucket('warning').length
      ? 'warning'
      : 'healthy';
  const fields = (['critical', 'warning', 'healthy'] as const)
    .filter((level) => bucket(level).length)
    .map((level) => {
      const list = bucket(level);
      return {
        name: `${HEALTH_EMOJI[level]} ${level[0]?.toUpperCase()}${level.slice(1)} (${list.length})`,
        value:
          list
            .slice(0, 10)
            .map(({ r, h }) => `Shard ${r.metrics.shardId}: ${h.reason}`)
            .join('\n') + (list.length > 10 ? `\n… and ${list.length - 10} more` : ''),
      };
    });
  return {
    title: `${HEALTH_EMOJI[overall]} Shard health: ${overall}`,
    color: overall === 'critical' ? colours.error : overall === 'warning' ? colours.warning : colours.success,
    description: `Threshold: ${fleet.alerts.threshold} consecutive failures.`,
    fields,
    timestamp: new Date(fleet.now).toISOString(),
  };
}

/** A bar one block per 10 ms (1 to 20): █ under 200 ms, ▓ under 500 ms, ░ above. */
export function latencyBar(latency: number): string {
  const length = Math.max(1, Math.min(20, Math.round(latency / 10)));
  return (latency < 200 ? '█' : latency < 500 ? '▓' : '░').repeat(length);
}

export function latencyEmbed(fleet: Fleet): APIEmbed {
  if (!fleet.reports.length) return noShardsEmbed('📶 Shard latency');
  const lines = fleet.reports.map((r) => {
    const current = latencyStats(r.metrics).current;
    return `S${r.metrics.shardId}: ${ms(current)} ${current === null ? '' : latencyBar(current)}`;
  });
  const fields: APIEmbedField[] = [];
  for (let i = 0; i < lines.length && fields.length < 20; i += 15)
    fields.push({ name: i === 0 ? 'Per shard' : '\u200b', value: lines.slice(i, i + 15).join('\n') });
  const averages = fleet.reports
    .map((r) => latencyStats(r.metrics).average)
    .filter((v): v is number => v !== null);
  if (averages.length) {
    const best = Math.min(...averages);
    const worst = Math.max(...averages);
    fields.push({
      name: '📊 Across shards (averages)',
      value: `Avg ${ms(mean(averages))} · best ${ms(best)} · worst ${ms(worst)} · spread ${ms(worst - best)}`,
    });
  }
  return {
    title: '📶 Shard latency',
    color: colours.info,
    fields,
    timestamp: new Date(fleet.now).toISOString(),
  };
}

export function eventsEmbed(fleet: Fleet): APIEmbed {
  if (!fleet.reports.length) return noShardsEmbed('📜 Shard events');
  const shown = fleet.reports.slice(0, 9);
  const fields: APIEmbedField[] = shown.map(({ metrics: m }) => ({
    name: `Shard ${m.shardId}`,
    value: [
      `Messages: ${m.messages}`,
      `Commands: ${m.commands}`,
      `Connects: ${m.connects}`,
      `Disconnects: ${m.disconnects}`,
      `Resumes: ${m.resumes}`,
      `Errors: ${m.errors}`,
      `Last: ${m.lastEventType ?? '—'} ${ago(m.lastEventAt, fleet.now)}`,
    ].join('\n'),
    inline: true,
  }));
  if (fleet.reports.length > shown.length)
    fields.push({ name: '…', value: `+${fleet.reports.length - shown.length} more shards` });
  return {
    title: '📜 Shard events',
    color: colours.info,
    fields,
    timestamp: new Date(fleet.now).toISOString(),
  };
}
