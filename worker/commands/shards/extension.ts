import { defineExtension } from '../../extensions/extension';
import { shardCommands, shardComponents } from './index';

/** The bot owner's gateway tools; deployment-wide, so they cannot be switched off per server. */
export const shardsExtension = defineExtension({
  manifest: {
    name: 'shards',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Gateway shard monitor, health, alerts and cluster view for the bot owner',
    details:
      'Shard latency, uptime and health rules, alerts to a channel, resets, and the cluster overview of the Durable Objects that hold the gateway connections.',
    required: true,
    dependencies: { core: '^1.0.0' },
    commands: shardCommands.map((c) => c.name),
    components: shardComponents.map((c) => c.key),
  },
  commands: shardCommands,
  components: shardComponents,
});
