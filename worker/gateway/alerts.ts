import type { APIEmbed } from 'discord-api-types/v10';
import { colours } from '../framework/embeds';
import { HEALTH_EMOJI, type ShardHealth } from './shard-health';
import { latencyStats, type ShardMetrics, uptimePercent } from './shard-metrics';

/** "⚠️ Shard Health Alert": one inline field per unhealthy shard (at most 10). */
export function shardAlertEmbed(
  unhealthy: { report: { metrics: ShardMetrics }; health: ShardHealth }[],
  now: number,
): APIEmbed {
  const critical = unhealthy.some((u) => u.health.level === 'critical');
  return {
    title: '⚠️ Shard health alert',
    color: critical ? colours.error : colours.warning,
    description: `${unhealthy.length} shard(s) reporting issues.`,
    fields: unhealthy.slice(0, 10).map(({ report: { metrics: m }, health }) => {
      const latency = latencyStats(m).current;
      return {
        name: `${HEALTH_EMOJI[health.level]} Shard ${m.shardId}`,
        value: [
          health.reason,
          `Latency: ${latency === null ? '—' : `${latency} ms`}`,
          `Uptime: ${uptimePercent(m, now).toFixed(1)}%`,
        ].join('\n'),
        inline: true,
      };
    }),
    timestamp: new Date(now).toISOString(),
  };
}
