import { DiscordAPIError } from '@discordjs/rest';
import {
  ButtonStyle,
  ChannelType,
  ComponentType,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { defineCommand } from '../../../framework/command';
import { colours, toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { reply } from '../../../framework/reply';
import { botStanding } from '../bot-standing';
import {
  categoryProblems,
  channelProblems,
  fetchChannel,
  PANEL_NEEDS,
  serverMissing,
  serverProblems,
} from './bot-readiness';
import { openTicketButton } from './open-button';
import { type TicketSettings, ticketSettings } from './settings';
import { ticketSettingsStore } from './store';

const refuse = (title: string, text: string) =>
  reply.message({ ephemeral: true, embeds: [toneEmbed('error', title, `${text}\nNothing was changed.`)] });

const postedMessage = z.object({ id: z.string().regex(/^\d{17,20}$/) }).loose();

function panelMessage(
  invoker: { user: { id: string } },
  settings: TicketSettings,
): RESTPostAPIChannelMessageJSONBody {
  return {
    embeds: [{ title: settings.panelTitle, description: settings.panelText, color: colours.info }],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: '🎫 Open a ticket',
            // Bound to nobody: anyone may press it.
            custom_id: openTicketButton.id(invoker, {}),
          },
        ],
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** `/ticket panel`: checks the bot can run tickets, posts the panel, and keeps its settings. */
export const ticketPanel = defineCommand({
  name: 'panel',
  description: 'Post a panel whose button opens a private ticket channel',
  category: 'Tickets',
  help: 'Tickets go to the category set with `/ticket settings`, or else the panel channel’s category. The bot needs Manage Channels and Manage Roles, and itself the permissions it gives ticket members.',
  guildOnly: true,
  permissions: ['ManageGuild'],
  mutates: true,
  options: {
    channel: option.channel('Where to post the panel', {
      required: true,
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
    support_role: option.role('The role that answers tickets: it sees every ticket'),
    title: option.string('The panel’s title', { maxLength: 256 }),
    text: option.string('The panel’s text', { maxLength: 2000, rest: true }),
  },
  async run(ctx, { channel, support_role, title, text }) {
    const guildId = ctx.guildId as string;
    if (support_role?.id === guildId)
      return refuse(
        'Not @everyone',
        'The support role sees every ticket; @everyone would make tickets public. Choose a staff role.',
      );
    const store = ticketSettingsStore(ctx.db);
    const current = await store.read(guildId);
    const parsed = ticketSettings.safeParse({
      ...current,
      supportRoleId: support_role?.id ?? current.supportRoleId,
      panelTitle: title ?? current.panelTitle,
      panelText: text ?? current.panelText,
    });
    if (!parsed.success)
      return refuse(
        'Invalid panel',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
      );
    const next = parsed.data;

    const rest = ctx.restNow();
    const botId = ctx.config.applicationId;
    const standing = await botStanding(rest, guildId, botId);
    const panelChannel = await fetchChannel(rest, channel.id);
    const problems = panelChannel
      ? channelProblems(standing, botId, panelChannel, PANEL_NEEDS)
      : [`The bot cannot see <#${channel.id}>.`];
    const missingInServer = serverMissing(standing, botId);
    problems.push(...serverProblems(missingInServer));
    const categoryId = next.categoryId ?? panelChannel?.parent_id ?? null;
    if (categoryId)
      problems.push(
        ...categoryProblems(standing, botId, await fetchChannel(rest, categoryId), missingInServer),
      );
    if (problems.length)
      return refuse('The bot cannot run tickets here', problems.map((p) => `• ${p}`).join('\n'));

    let messageId: string;
    try {
      const posted = await rest.post(Routes.channelMessages(channel.id), { body: panelMessage(ctx, next) });
      messageId = postedMessage.parse(posted).id;
    } catch (error) {
      if (error instanceof DiscordAPIError)
        return refuse('The panel could not be posted', `Discord refused: ${error.message}.`);
      throw error;
    }
    const saved = await store
      .write(guildId, next, ctx.user.id, 'tickets.panel')
      .catch((error: unknown) => ({ ok: false as const, problems: [], error }));
    if (!saved.ok) {
      // Take the panel back: it is all or nothing.
      await rest.delete(Routes.channelMessage(channel.id, messageId)).catch(() => {});
      if ('error' in saved) throw saved.error;
      return refuse('Invalid panel', saved.problems.join('\n'));
    }
    const where = categoryId ? `the category <#${categoryId}>` : 'no category (the top of the channel list)';
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          'Ticket panel posted',
          `[The panel](https://discord.com/channels/${guildId}/${channel.id}/${messageId}) is in <#${channel.id}>. Tickets open in ${where}; ${next.supportRoleId ? `<@&${next.supportRoleId}> sees them all` : 'no support role is set, so only members with Manage Channels see them'}.`,
        ),
      ],
    });
  },
});
