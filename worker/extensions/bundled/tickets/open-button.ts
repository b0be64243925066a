import { ButtonStyle, ComponentType, Routes } from 'discord-api-types/v10';
import { defineComponent } from '../../../framework/command';
import type { ComponentContext } from '../../../framework/context';
import { errorMessage, toneEmbed } from '../../../framework/embeds';
import { type ReplyMessage, reply } from '../../../framework/reply';
import { fetchChannel } from './bot-readiness';
import type { TicketSettings } from './settings';
import { ticketSettingsStore } from './store';
import { createTicketChannel, creationFailure, welcomeMessage } from './ticket-channel';
import {
  activeTicket,
  allocateTicket,
  discardTicket,
  markOpen,
  type TicketRow,
  ticketLabel,
} from './ticket-rows';

const channelLink = (guildId: string, channelId: string) =>
  `https://discord.com/channels/${guildId}/${channelId}`;

/** "You already have one": where it is, or that it is still being made. */
function alreadyOpen(existing: TicketRow | undefined): ReplyMessage {
  return {
    ephemeral: true,
    embeds: [
      toneEmbed(
        'info',
        'You already have a ticket',
        existing?.channelId
          ? `Ticket #${ticketLabel(existing.number)} is open: <#${existing.channelId}>. Close it before opening another.`
          : 'Your ticket is being opened right now; it will appear in a moment.',
      ),
    ],
  };
}

/**
 * Opens a ticket for the member: reserves its number, creates the private channel with its overwrites,
 * marks the ticket open, and posts the first message with the 🔒 Close button. When Discord refuses the
 * channel, the reservation is removed and the member is told why.
 */
async function openTicket(
  ctx: ComponentContext,
  guildId: string,
  settings: TicketSettings,
): Promise<ReplyMessage> {
  const db = ctx.db;
  const rest = ctx.rest();
  const allocated = await allocateTicket(db, { guildId, openerId: ctx.user.id, nowMs: Date.now() });
  if (!allocated.ok) return alreadyOpen(allocated.existing);
  const ticket = allocated.ticket;
  const label = ticketLabel(ticket.number);
  let channelId: string;
  try {
    const parentId = settings.categoryId ?? (await fetchChannel(rest, ctx.channelId))?.parent_id ?? null;
    channelId = await createTicketChannel(rest, {
      ticket,
      botId: ctx.config.applicationId,
      supportRoleId: settings.supportRoleId,
      parentId,
    });
  } catch (error) {
    console.error(`Edgeward: tickets: could not create the channel of ticket #${label}:`, error);
    await discardTicket(db, ticket.id);
    return errorMessage('The ticket could not be opened', creationFailure(error));
  }
  try {
    if (!(await markOpen(db, ticket.id, channelId)))
      throw new Error(`ticket ${ticket.id} is no longer opening`);
  } catch (error) {
    // Undo the channel so that no ticket exists without its row.
    await rest.delete(Routes.channel(channelId)).catch(() => {});
    await discardTicket(db, ticket.id).catch(() => {});
    throw error;
  }
  let welcomed = true;
  try {
    await rest.post(Routes.channelMessages(channelId), {
      body: welcomeMessage({ ...ticket, channelId, status: 'open' }, settings.supportRoleId),
    });
  } catch (error) {
    welcomed = false;
    console.error(`Edgeward: tickets: could not post the first message of ticket #${label}:`, error);
  }
  return {
    ephemeral: true,
    embeds: [
      toneEmbed(
        'success',
        `Ticket #${label} is open`,
        `Your private channel is <#${channelId}>; only you and the support team can see it.${welcomed ? '' : ' Close it with `/ticket close` when you are done.'}`,
      ),
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Link,
            label: 'Go to the ticket',
            url: channelLink(guildId, channelId),
          },
        ],
      },
    ],
  };
}

/** The panel's 🎫 Open a ticket button: anyone may press it, and it never expires. */
export const openTicketButton = defineComponent({
  pattern: 'tickets.open',
  anyone: true,
  ttlSeconds: 0,
  mutates: true,
  async run(ctx) {
    const guildId = ctx.guildId;
    if (!guildId) return reply.message(errorMessage('Server only', 'Tickets live in servers.'));
    const existing = await activeTicket(ctx.db, guildId, ctx.user.id, Date.now());
    if (existing) return reply.message(alreadyOpen(existing));
    const settings = await ticketSettingsStore(ctx.db).read(guildId);
    return reply.defer(
      () =>
        openTicket(ctx, guildId, settings).catch((error) => {
          console.error('Edgeward: tickets: opening a ticket failed:', error);
          return errorMessage(
            'The ticket could not be opened',
            'Something went wrong; nothing was kept. Please press the button again.',
          );
        }),
      { ephemeral: true },
    );
  },
});
