import { defineCommand } from '../../framework/command';
import { reply } from '../../framework/reply';
import { loadFleet } from './fleet';
import { healthEmbed } from './monitor-views';

export const shardhealth = defineCommand({
  name: 'shardhealth',
  description: 'Health of every gateway shard, grouped by status',
  category: 'Shards',
  ownerOnly: true,
  cooldown: { rate: 1, per: 30, scope: 'user' },
  async run(ctx) {
    const embed = healthEmbed(await loadFleet(ctx));
    embed.footer = { text: `Requested by ${ctx.user.username}` };
    return reply.message({ embeds: [embed], ephemeral: true });
  },
});
