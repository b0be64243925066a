import { ChannelType } from 'discord-api-types/v10';
import { defineCommand } from '../../../framework/command';
import { toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { reply } from '../../../framework/reply';
import { botStanding } from '../bot-standing';
import { categoryProblems, channelProblems, fetchChannel, LOG_NEEDS } from './bot-readiness';
import type { TicketSettings } from './settings';
import { ticketSettingsStore } from './store';

const refuse = (title: string, text: string) =>
  reply.message({ ephemeral: true, embeds: [toneEmbed('error', title, `${text}\nNothing was changed.`)] });

const CLEARABLE = {
  support_role: 'supportRoleId',
  category: 'categoryId',
  log_channel: 'logChannelId',
} as const satisfies Record<string, keyof TicketSettings>;

function describe(settings: TicketSettings): string {
  return [
    `**Support role:** ${settings.supportRoleId ? `<@&${settings.supportRoleId}>` : 'none (Manage Channels only)'}`,
    `**Category:** ${settings.categoryId ? `<#${settings.categoryId}>` : 'the panel channel’s category'}`,
    `**Log channel:** ${settings.logChannelId ? `<#${settings.logChannelId}>` : 'none'}`,
    `**Panel:** ${settings.panelTitle}`,
  ].join('\n');
}

/** `/ticket settings`: the support role, where tickets go, and where closed tickets are logged. */
export const ticketSettingsCommand = defineCommand({
  name: 'settings',
  description: 'See or change where tickets go, who answers them and where closings are logged',
  category: 'Tickets',
  help: 'Without options, shows the current settings. `clear` turns one setting back to its default.',
  guildOnly: true,
  permissions: ['ManageGuild'],
  mutates: true,
  options: {
    support_role: option.role('The role that answers tickets: it sees every ticket'),
    category: option.channel('The category new ticket channels go to', {
      channelTypes: [ChannelType.GuildCategory],
    }),
    log_channel: option.channel('Where to post a note when a ticket closes', {
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
    clear: option.string('Turn one setting back to its default', {
      choices: [
        { name: 'Support role', value: 'support_role' },
        { name: 'Category', value: 'category' },
        { name: 'Log channel', value: 'log_channel' },
      ],
    }),
  },
  async run(ctx, { support_role, category, log_channel, clear }) {
    const guildId = ctx.guildId as string;
    const store = ticketSettingsStore(ctx.db);
    const current = await store.read(guildId);
    if (!support_role && !category && !log_channel && !clear)
      return reply.message({
        ephemeral: true,
        embeds: [toneEmbed('info', 'Ticket settings', describe(current))],
      });
    if (support_role?.id === guildId)
      return refuse(
        'Not @everyone',
        'The support role sees every ticket; @everyone would make tickets public.',
      );
    if (clear && (clear === 'support_role' ? support_role : clear === 'category' ? category : log_channel))
      return refuse('Set or clear?', `You both set and cleared the ${clear.replace('_', ' ')}; choose one.`);

    const problems: string[] = [];
    if (category || log_channel) {
      const rest = ctx.restNow();
      const botId = ctx.config.applicationId;
      const standing = await botStanding(rest, guildId, botId);
      if (category)
        problems.push(...categoryProblems(standing, botId, await fetchChannel(rest, category.id)));
      if (log_channel) {
        const log = await fetchChannel(rest, log_channel.id);
        problems.push(
          ...(log
            ? channelProblems(standing, botId, log, LOG_NEEDS)
            : [`The bot cannot see <#${log_channel.id}>.`]),
        );
      }
    }
    if (problems.length) return refuse('The bot cannot use that', problems.map((p) => `• ${p}`).join('\n'));

    const next: TicketSettings = {
      ...current,
      ...(support_role ? { supportRoleId: support_role.id } : {}),
      ...(category ? { categoryId: category.id } : {}),
      ...(log_channel ? { logChannelId: log_channel.id } : {}),
      ...(clear ? { [CLEARABLE[clear]]: null } : {}),
    };
    const saved = await store.write(guildId, next, ctx.user.id, 'tickets.settings');
    if (!saved.ok) return refuse('Invalid settings', saved.problems.join('\n'));
    return reply.message({
      ephemeral: true,
      embeds: [toneEmbed('success', 'Ticket settings saved', describe(saved.value))],
    });
  },
});
