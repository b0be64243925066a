import type { ShardReport } from '../../../durable-objects/gateway-coordinator';
import { defineCommand } from '../../framework/command';
import { colours, errorMessage, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { coordinatorOf } from '../../gateway/coordinator-client';
import { HEALTH_EMOJI, type HealthLevel, shardHealth } from '../../gateway/shard-health';
import { latencyStats } from '../../gateway/shard-metrics';
import { ago, loadFleet, NO_SHARDS } from './fleet';

const RANK: Record<HealthLevel, number> = { healthy: 0, warning: 1, critical: 2 };

/** Shards grouped into clusters of `SHARDS_PER_CLUSTER` consecutive ids. */
export function clustersOf(reports: ShardReport[], perCluster: number): ShardReport[][] {
  const out: ShardReport[][] = [];
  for (const r of reports) {
    const index = Math.floor(r.metrics.shardId / perCluster);
    out[index] = [...(out[index] ?? []), r];
  }
  return out.filter(Boolean);
}

export const clusters = defineCommand({
  name: 'clusters',
  description: 'Gateway shards grouped into clusters, with health, guilds and latency',
  category: 'Shards',
  ownerOnly: true,
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    const fleet = await loadFleet(ctx);
    if (!fleet.reports.length) return reply.message(errorMessage('No shards', NO_SHARDS));
    const per = ctx.config.gateway.shardsPerCluster;
    const groups = clustersOf(fleet.reports, per);
    const fields = groups.slice(0, 24).map((group) => {
      const first = group[0]?.metrics.shardId ?? 0;
      const levels = group.map((r) => shardHealth(r.metrics, fleet.alerts.threshold, fleet.now).level);
      const worst = levels.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'healthy' as HealthLevel);
      const averages = group
        .map((r) => latencyStats(r.metrics).average)
        .filter((v): v is number => v !== null);
      const oldest = Math.min(...group.map((r) => r.reportedAt));
      return {
        name: `${HEALTH_EMOJI[worst]} Cluster ${Math.floor(first / per)}`,
        value: [
          `Shards: ${group.map((r) => r.metrics.shardId).join(', ')}`,
          `Guilds: ${group.reduce((a, r) => a + r.metrics.guilds, 0)}`,
          `Latency: ${averages.length ? `${Math.round(averages.reduce((a, b) => a + b, 0) / averages.length)} ms` : '—'}`,
          `Reported: ${ago(oldest, fleet.now)}`,
        ].join('\n'),
        inline: true,
      };
    });
    const totalGuilds = fleet.reports.reduce((a, r) => a + r.metrics.guilds, 0);
    fields.push({
      name: '📊 Global totals',
      value: `Clusters: ${groups.length} · Shards: ${fleet.reports.length} · Guilds: ${totalGuilds} · Connected: ${fleet.reports.filter((r) => r.connected).length}`,
      inline: false,
    });
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: '🗂️ Clusters',
          color: colours.info,
          description: `${per} shards per cluster (\`SHARDS_PER_CLUSTER\`). One coordinator object collects every shard's reports.`,
          fields,
          timestamp: new Date(fleet.now).toISOString(),
        },
      ],
    });
  },
});

export const ipcstatus = defineCommand({
  name: 'ipcstatus',
  description: "The coordinator's view: which shards reported when, identifies and the session budget",
  category: 'Shards',
  ownerOnly: true,
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    const coordinator = coordinatorOf(ctx.env);
    const [reports, count, identifies] = await Promise.all([
      coordinator.reports(),
      coordinator.knownShardCount(),
      coordinator.identifyLog(),
    ]);
    if (count === null) return reply.message(errorMessage('No shards', NO_SHARDS));
    const now = Date.now();
    const missing = Array.from({ length: count }, (_, i) => i).filter(
      (i) => !reports.some((r) => r.metrics.shardId === i),
    );
    const budget = reports
      .map((r) => r.metrics.sessionStartsRemaining)
      .filter((v): v is number => v !== null);
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: '📡 Coordinator status',
          color: missing.length ? colours.warning : colours.success,
          fields: [
            {
              name: `Reports (${reports.length}/${count})`,
              value:
                reports
                  .slice(0, 20)
                  .map(
                    (r) =>
                      `S${r.metrics.shardId}: ${ago(r.reportedAt, now)} · ${r.connected ? 'connected' : r.metrics.state}`,
                  )
                  .join('\n') + (missing.length ? `\nNever reported: ${missing.join(', ')}` : ''),
            },
            {
              name: 'Recent identifies',
              value:
                identifies
                  .slice(-5)
                  .map((i) => `S${i.shard} ${ago(i.at, now)}`)
                  .join('\n') || 'none',
              inline: true,
            },
            {
              name: 'Session starts left today',
              value: budget.length ? String(Math.min(...budget)) : 'unknown',
              inline: true,
            },
          ],
          timestamp: new Date(now).toISOString(),
        },
      ],
    });
  },
});

export const broadcastmsg = defineCommand({
  name: 'broadcastmsg',
  description: "Send a message to every shard: each shows it as the bot's status",
  category: 'Shards',
  ownerOnly: true,
  mutates: true,
  options: {
    text: option.string('The message (up to 120 characters)', { required: true, maxLength: 120, rest: true }),
  },
  async run(ctx, { text }) {
    const result = await coordinatorOf(ctx.env).broadcast(text, ctx.user.id);
    if (result.total === 0) return reply.message(errorMessage('No shards', NO_SHARDS));
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          result.delivered === result.total ? 'success' : 'warning',
          'Broadcast sent',
          `“${text}”\nDelivered to ${result.delivered} of ${result.total} shard(s); each shows it as the bot's status.`,
        ),
      ],
    });
  },
});
