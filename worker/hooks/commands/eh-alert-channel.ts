import { ChannelType } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { ALERT_EVERY_MS, setAlertChannel } from '../alerts';
import { HOOKS_CATEGORY } from './hook-ids';

export const ehAlertChannel = defineCommand({
  name: 'eh_alert_channel',
  description: 'Where event-hook alerts go (breakers opening, dead letters); default: this channel',
  category: HOOKS_CATEGORY,
  ownerOnly: true,
  mutates: true,
  options: {
    channel: option.channel('The channel for alerts (default: this one)', {
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
  },
  async run(ctx, { channel }) {
    const channelId = channel?.id ?? (ctx.guildId ? ctx.channelId : null);
    if (!channelId) {
      return reply.message(
        errorMessage('Name a channel', 'In direct messages, give the server channel alerts should go to.'),
      );
    }
    await setAlertChannel(ctx.env.DB, channelId, ctx.user.id);
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          'Hook alerts configured',
          `Alerts go to <#${channelId}>: at most one per hook (or per event's dead letters) every ${ALERT_EVERY_MS / 60_000} minutes.`,
        ),
      ],
    });
  },
});
