import { DiscordAPIError } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { Invoker, Services } from '../../../framework/context';
import { displayName, errorMessage, toneEmbed } from '../../../framework/embeds';
import { editOriginal, messageBody } from '../../../framework/interaction-response';
import { type Reply, type ReplyMessage, reply } from '../../../framework/reply';
import { mayClose } from './access';
import { type CloseResult, closeTicket } from './close-flow';
import { ticketSettingsStore } from './store';
import { ticketInChannel, ticketLabel } from './ticket-rows';

type CloseContext = Services & Invoker & { interaction: { applicationId: string; token: string } | null };

/**
 * The 🔒 Close button and `/ticket close`: checks who may close, answers at once, and closes in the
 * background (reading a long channel takes a while). A failure is reported to the closer; the ticket is
 * then either untouched or closed with its transcript, so pressing Close again finishes the job.
 */
export async function requestClose(ctx: CloseContext, reason: string | null): Promise<Reply> {
  const guildId = ctx.guildId;
  if (!guildId) return reply.message(errorMessage('Server only', 'Tickets live in servers.'));
  const ticket = await ticketInChannel(ctx.db, guildId, ctx.channelId);
  if (!ticket)
    return reply.message(
      errorMessage(
        'Not a ticket',
        'This channel is not a ticket. Use `/ticket close` inside the ticket’s channel.',
      ),
    );
  const settings = await ticketSettingsStore(ctx.db).read(guildId);
  if (!mayClose(ctx, ticket, settings))
    return reply.message(
      errorMessage(
        'You cannot close this ticket',
        `Only <@${ticket.openerId}> who opened it, ${settings.supportRoleId ? `the <@&${settings.supportRoleId}> role` : 'the support team'}, or members with **Manage Channels** can close ticket #${ticketLabel(ticket.number)}. Nothing was changed.`,
      ),
    );
  const closer = { id: ctx.user.id, name: displayName(ctx.user) };
  ctx.waitUntil(
    closeTicket(ctx, ticket, settings, closer, reason)
      .catch((error): CloseResult => ({ ok: false, stage: 'transcript', error }))
      .then((result) => (result.ok ? undefined : report(ctx, failureMessage(result))))
      .catch((error) => console.error('Edgeward: tickets: could not report a failed close:', error)),
  );
  const label = ticketLabel(ticket.number);
  return reply.message({
    ephemeral: true,
    embeds: [
      toneEmbed(
        'info',
        `Closing ticket #${label}…`,
        ticket.status === 'closed'
          ? 'Its transcript is already saved; deleting this channel.'
          : 'Saving the transcript, then this channel will be deleted.',
      ),
    ],
  });
}

function failureMessage(result: Extract<CloseResult, { ok: false }>): ReplyMessage {
  console.error(`Edgeward: tickets: closing failed at the ${result.stage} step:`, result.error);
  const missing = result.error instanceof DiscordAPIError && result.error.code === 50013;
  if (result.stage === 'transcript')
    return errorMessage(
      'The ticket could not be closed',
      `${missing ? 'The bot is missing a permission to read this channel.' : 'The transcript could not be saved.'} Nothing was changed: the ticket is still open. Press **🔒 Close** again in a moment.`,
    );
  return errorMessage(
    'Transcript saved, channel not deleted',
    `The ticket is closed and its transcript is saved, but ${missing ? 'the bot is missing **Manage Channels** to delete' : 'Discord did not delete'} this channel. Press **🔒 Close** again, or delete the channel yourself.`,
  );
}

/** Tells the closer: through the interaction when there is one, else in the channel (prefix commands). */
async function report(ctx: CloseContext, message: ReplyMessage) {
  if (ctx.interaction) {
    await editOriginal(ctx.rest(), ctx.interaction.applicationId, ctx.interaction.token, message);
    return;
  }
  await ctx.rest().post(Routes.channelMessages(ctx.channelId), {
    body: messageBody({ ...message, ephemeral: false }),
  });
}
