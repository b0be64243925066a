import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { shardOf } from '../../gateway/intents';
import { latencyStats } from '../../gateway/shard-metrics';
import { loadFleet } from '../shards/fleet';

export const shardinfo = defineCommand({
  name: 'shardinfo',
  description: 'Gateway shard information',
  category: 'Core',
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    const fleet = await loadFleet(ctx);
    const connected = fleet.reports.filter((r) => r.connected && r.metrics.state === 'ready').length;
    const here =
      ctx.guildId && fleet.shardCount
        ? fleet.reports.find(
            (r) => r.metrics.shardId === shardOf(ctx.guildId as string, fleet.shardCount as number),
          )
        : undefined;
    const latency = here ? latencyStats(here.metrics).current : null;
    return reply.message({
      embeds: [
        {
          title: '🔀 Shard information',
          color: colours.info,
          description: fleet.reports.length
            ? 'Slash commands, buttons and menus arrive over HTTP interactions; the gateway shards carry prefix and @mention commands.'
            : 'No gateway shard is running: slash commands, buttons and menus work over HTTP interactions; prefix and @mention commands need the shards (`GATEWAY_ENABLED`).',
          fields: [
            { name: '🌐 Shards connected', value: `${connected}/${fleet.shardCount ?? 0}`, inline: true },
            ...(here
              ? [
                  { name: '📍 This server', value: `Shard ${here.metrics.shardId}`, inline: true },
                  { name: '📶 Latency', value: latency === null ? '—' : `${latency} ms`, inline: true },
                ]
              : []),
            { name: '📨 Interactions', value: 'HTTP endpoint', inline: true },
          ],
          timestamp: new Date(fleet.now).toISOString(),
        },
      ],
    });
  },
});
