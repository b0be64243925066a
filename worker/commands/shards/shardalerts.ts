import { ChannelType } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { coordinatorOf } from '../../gateway/coordinator-client';

/**
 * Alert settings. Turning alerts off is its own choice (`disable`), never a side effect of leaving the
 * channel out: `/shardalerts threshold:5` only changes the threshold.
 */
export const shardalerts = defineCommand({
  name: 'shardalerts',
  description: 'Where shard health alerts go and after how many failures (no options: show them)',
  category: 'Shards',
  ownerOnly: true,
  mutates: true,
  options: {
    channel: option.channel('The channel for alerts', { channelTypes: [ChannelType.GuildText] }),
    threshold: option.integer('Consecutive failures before a shard counts as unhealthy (1 to 20)', {
      minValue: 1,
      maxValue: 20,
    }),
    disable: option.boolean('Turn alerts off'),
  },
  async run(ctx, { channel, threshold, disable }) {
    const coordinator = coordinatorOf(ctx.env);
    const current = await coordinator.alertConfig();
    if (disable) {
      if (channel || threshold !== undefined)
        return reply.message({
          ephemeral: true,
          embeds: [
            toneEmbed('error', 'Choose one', 'Use `disable` on its own, or set a channel and threshold.'),
          ],
        });
      await coordinator.setAlertConfig({ ...current, channelId: null });
      return reply.message({
        ephemeral: true,
        embeds: [toneEmbed('warning', 'Shard alerts disabled', 'No alert messages will be sent.')],
      });
    }
    if (!channel && threshold === undefined) {
      return reply.message({
        ephemeral: true,
        embeds: [
          toneEmbed(
            'info',
            'Shard alerts',
            `Channel: ${current.channelId ? `<#${current.channelId}>` : 'none (disabled)'}\nThreshold: ${current.threshold} consecutive failures\nAt most one alert every 5 minutes.`,
          ),
        ],
      });
    }
    const next = { channelId: channel?.id ?? current.channelId, threshold: threshold ?? current.threshold };
    await coordinator.setAlertConfig(next);
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          'Shard alerts configured',
          `Channel: ${next.channelId ? `<#${next.channelId}>` : 'none yet (alerts stay off until you set one)'}\nThreshold: ${next.threshold}`,
        ),
      ],
    });
  },
});
