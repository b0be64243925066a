import { ChannelType } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { ALERT_MIN_INTERVAL_MS } from '../alert-policy';
import { getDiagnosticsAlertChannel, setDiagnosticsAlertChannel } from '../settings';

const rule = `Alerts go out when the health tier changes, at most one per ${ALERT_MIN_INTERVAL_MS / 60_000} minutes unless it gets worse.`;

export const fwAlertChannel = defineCommand({
  name: 'fw_alert_channel',
  description: 'Where health alerts go (no options: show it)',
  category: 'Diagnostics',
  ownerOnly: true,
  mutates: true,
  options: {
    channel: option.channel('The text channel for health alerts', {
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
    disable: option.boolean('Stop sending health alerts'),
  },
  async run(ctx, { channel, disable }) {
    if (channel && disable) {
      return reply.message({
        ephemeral: true,
        embeds: [toneEmbed('error', 'Choose one', 'Give a channel, or `disable` on its own.')],
      });
    }
    if (disable) {
      await setDiagnosticsAlertChannel(ctx.db, null, ctx.user.id);
      return reply.message({
        ephemeral: true,
        embeds: [toneEmbed('warning', 'Health alerts disabled', 'No health alert will be sent.')],
      });
    }
    if (!channel) {
      const current = await getDiagnosticsAlertChannel(ctx.db);
      return reply.message({
        ephemeral: true,
        embeds: [
          toneEmbed(
            'info',
            'Health alerts',
            `Channel: ${current ? `<#${current.channelId}>` : 'none (set one with `/fw_alert_channel channel:`)'}\n${rule}`,
          ),
        ],
      });
    }
    await setDiagnosticsAlertChannel(ctx.db, { channelId: channel.id, guildId: ctx.guildId }, ctx.user.id);
    return reply.message({
      ephemeral: true,
      embeds: [toneEmbed('success', 'Health alerts configured', `Channel: <#${channel.id}>\n${rule}`)],
    });
  },
});
