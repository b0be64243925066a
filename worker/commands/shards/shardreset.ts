import { defineCommand } from '../../framework/command';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { coordinatorOf } from '../../gateway/coordinator-client';
import { NO_SHARDS } from './fleet';

export const shardreset = defineCommand({
  name: 'shardreset',
  description: "Reset a shard's metrics (or every shard's); a stopped shard tries to connect again",
  category: 'Shards',
  ownerOnly: true,
  mutates: true,
  options: {
    shard_id: option.integer('The shard (leave out for all)', { minValue: 0, maxValue: 4095 }),
  },
  async run(ctx, { shard_id }) {
    const coordinator = coordinatorOf(ctx.env);
    const count = await coordinator.knownShardCount();
    if (count === null) return reply.message(errorMessage('No shards', NO_SHARDS));
    if (shard_id !== undefined && shard_id >= count)
      return reply.message(
        errorMessage('Shard not found', `There is no shard ${shard_id}: ids go from 0 to ${count - 1}.`),
      );
    const reset = await coordinator.resetShards(shard_id ?? null);
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          shard_id === undefined ? 'All shard metrics reset' : `Shard ${shard_id} metrics reset`,
          `Reset: ${reset.map((i) => `S${i}`).join(', ')}. A shard stopped by a fatal close tries to connect again.`,
        ),
      ],
    });
  },
});
