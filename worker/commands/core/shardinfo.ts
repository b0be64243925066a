import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';

export const shardinfo = defineCommand({
  name: 'shardinfo',
  description: 'Gateway shard information',
  category: 'Core',
  cooldown: { rate: 1, per: 10, scope: 'user' },
  run() {
    return reply.message({
      embeds: [
        {
          title: '🔀 Shard information',
          color: colours.info,
          description:
            'This deployment has no gateway connection yet: it answers slash commands, buttons and menus over HTTP interactions, which need no shards. Gateway shards (for prefix and @mention commands) report here once they are enabled.',
          fields: [
            { name: '🌐 Shards connected', value: '0', inline: true },
            { name: '📨 Interactions', value: 'HTTP endpoint', inline: true },
          ],
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
