import { defineCommand } from '../../framework/command';
import { colours, errorMessage } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { HEALTH_EMOJI, shardHealth } from '../../gateway/shard-health';
import { latencyStats, uptimePercent } from '../../gateway/shard-metrics';
import { ago, loadFleet, NO_SHARDS } from './fleet';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);
const when = (at: number | null) => (at === null ? 'never' : `<t:${Math.floor(at / 1000)}:f>`);

export const sharddetails = defineCommand({
  name: 'sharddetails',
  description: "One gateway shard's metrics in detail",
  category: 'Shards',
  ownerOnly: true,
  cooldown: { rate: 1, per: 10, scope: 'user' },
  options: {
    shard_id: option.integer('The shard id (0 to shard count − 1)', {
      required: true,
      minValue: 0,
      maxValue: 4095,
    }),
  },
  async run(ctx, { shard_id }) {
    const fleet = await loadFleet(ctx);
    if (!fleet.reports.length) return reply.message(errorMessage('No shards', NO_SHARDS));
    const report = fleet.reports.find((r) => r.metrics.shardId === shard_id);
    if (!report) {
      return reply.message(
        errorMessage(
          'Shard not found',
          `There is no shard ${shard_id}. Valid ids: ${fleet.reports.map((r) => r.metrics.shardId).join(', ')}.`,
        ),
      );
    }
    const m = report.metrics;
    const health = shardHealth(m, fleet.alerts.threshold, fleet.now);
    const latency = latencyStats(m);
    const closes = Object.entries(m.closeCodes)
      .map(([code, n]) => `${code} × ${n}`)
      .join(', ');
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: `${HEALTH_EMOJI[health.level]} Shard ${m.shardId}`,
          color:
            health.level === 'healthy'
              ? colours.success
              : health.level === 'warning'
                ? colours.warning
                : colours.error,
          description: `${health.reason} · state **${m.state}**${report.sessionId ? ` · session \`${report.sessionId.slice(0, 8)}…\` seq ${report.seq}` : ''}`,
          fields: [
            {
              name: 'Basic info',
              value: `Guilds: ${m.guilds}\nLatency: ${ms(latency.current)} (avg ${ms(latency.average)}, min ${ms(latency.min)}, max ${ms(latency.max)})`,
            },
            {
              name: 'Activity',
              value: `Messages: ${m.messages} · Commands: ${m.commands} · Storage writes: ${m.storageWrites}\nGuilds +${m.guildsJoined} / −${m.guildsLeft}\nLast event: ${m.lastEventType ?? '—'} ${ago(m.lastEventAt, fleet.now)}`,
            },
            {
              name: 'Reliability',
              value: [
                `Uptime: ${uptimePercent(m, fleet.now).toFixed(2)}%`,
                `Connects: ${m.connects} · Disconnects: ${m.disconnects} · Resumes: ${m.resumes} · Identifies: ${m.identifies}`,
                `Zombie kills: ${m.zombieKills} · Invalid sessions: ${m.invalidSessions} · Reconnect requests: ${m.reconnectRequests} · Evictions: ${m.evictionsDetected}`,
                `Consecutive failures: ${m.consecutiveFailures}`,
                closes ? `Close codes: ${closes}` : '',
              ]
                .filter(Boolean)
                .join('\n'),
            },
            ...(m.errors
              ? [
                  {
                    name: `Errors (${m.errors})`,
                    value: m.lastError
                      ? `${when(m.lastError.at)}: ${m.lastError.message}`.slice(0, 1024)
                      : '—',
                  },
                ]
              : []),
            { name: 'Last connect', value: when(m.lastConnectAt), inline: true },
            { name: 'Last disconnect', value: when(m.lastDisconnectAt), inline: true },
          ],
          footer: { text: `Shard ${m.shardId}/${m.shardCount - 1}` },
          timestamp: new Date(fleet.now).toISOString(),
        },
      ],
    });
  },
});
