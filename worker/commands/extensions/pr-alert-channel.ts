import { ChannelType } from 'discord-api-types/v10';
import { postRegistryAlert } from '../../extensions/registry-alerts';
import { setAlertChannel } from '../../extensions/registry-settings';
import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';

export const prAlertChannel = defineCommand({
  name: 'pr_alert_channel',
  description: 'Where the extension registry reports problems (no channel: stop reporting)',
  category: 'Owner',
  help: 'Problems found in the extension set are posted there when the worker starts, at most once an hour (the same problems at most once a day).',
  ownerOnly: true,
  mutates: true,
  options: {
    channel: option.channel('The channel for registry alerts', {
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
  },
  async run(ctx, { channel }) {
    if (!channel) {
      await setAlertChannel(ctx.db, null, ctx.user.id);
      return reply.message({
        embeds: [
          toneEmbed('info', 'Registry alerts off', 'Extension registry problems will no longer be posted.'),
        ],
      });
    }
    await setAlertChannel(ctx.db, { channelId: channel.id, guildId: ctx.guildId }, ctx.user.id);
    ctx.waitUntil(postRegistryAlert(ctx, ctx.registry.extensions).catch(() => 'failed'));
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          'Registry alerts channel set',
          `Extension registry problems will be posted in <#${channel.id}>.`,
          {
            requestedBy: ctx.user,
          },
        ),
      ],
    });
  },
});
