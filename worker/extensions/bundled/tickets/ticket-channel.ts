import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  ButtonStyle,
  ChannelType,
  ComponentType,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIGuildChannelJSONBody,
  Routes,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { colours } from '../../../framework/embeds';
import { closeTicketButton } from './close-button';
import { ticketOverwrites } from './overwrites';
import { type TicketRow, ticketLabel } from './ticket-rows';

const createdChannel = z.object({ id: z.string().regex(/^\d{17,20}$/) }).loose();

/** Creates the ticket's private channel, its overwrites set in the same request. Returns its id. */
export async function createTicketChannel(
  rest: REST,
  input: { ticket: TicketRow; botId: string; supportRoleId: string | null; parentId: string | null },
): Promise<string> {
  const { ticket } = input;
  const body: RESTPostAPIGuildChannelJSONBody = {
    name: `ticket-${ticketLabel(ticket.number)}`,
    type: ChannelType.GuildText,
    topic: `Ticket #${ticketLabel(ticket.number)} opened by <@${ticket.openerId}>`,
    parent_id: input.parentId,
    permission_overwrites: ticketOverwrites({
      guildId: ticket.guildId,
      openerId: ticket.openerId,
      botId: input.botId,
      supportRoleId: input.supportRoleId,
    }),
  };
  const channel = createdChannel.parse(
    await rest.post(Routes.guildChannels(ticket.guildId), {
      body,
      reason: `Ticket #${ticketLabel(ticket.number)} opened by ${ticket.openerId}`,
    }),
  );
  return channel.id;
}

/** What to tell the member when Discord refused to create the channel. */
export function creationFailure(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.code === 50013)
      return 'The bot is missing permissions to create it: it needs **Manage Channels** and **Manage Roles**, and itself **View Channels**, **Send Messages**, **Read Message History** and **Attach Files**. Ask a server admin to fix the bot’s role, then press the button again.';
    if (error.code === 50001)
      return 'The bot cannot see the ticket category. Ask a server admin to give it access, or to choose another category with `/ticket settings`.';
    if (error.code === 30013)
      return 'The server has reached Discord’s limit of 500 channels. Ask a server admin to make room.';
    if (error.status === 400)
      return `Discord refused to create it (${error.message}). The ticket category may be full (50 channels) or gone; ask a server admin to check \`/ticket settings\`.`;
  }
  return 'Discord could not create it right now. Please try again in a moment.';
}

/** The first message in a ticket: who it is for, and its 🔒 Close button. */
export function welcomeMessage(
  ticket: TicketRow,
  supportRoleId: string | null,
): RESTPostAPIChannelMessageJSONBody {
  return {
    content: `<@${ticket.openerId}>${supportRoleId ? ` <@&${supportRoleId}>` : ''}`,
    embeds: [
      {
        title: `🎫 Ticket #${ticketLabel(ticket.number)}`,
        description: `Thanks for reaching out, <@${ticket.openerId}>! Describe what you need and the team will answer here.\n\nWhen you are done, press **🔒 Close**: the conversation is saved as a transcript and this channel is deleted.`,
        color: colours.info,
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: '🔒 Close',
            custom_id: closeTicketButton.id({ user: { id: ticket.openerId } }, {}),
          },
        ],
      },
    ],
    allowed_mentions: { parse: [], users: [ticket.openerId], roles: supportRoleId ? [supportRoleId] : [] },
  };
}
