import { DiscordAPIError, type REST } from '@discordjs/rest';
import { type RESTPostAPIChannelMessageJSONBody, Routes } from 'discord-api-types/v10';
import type { Services } from '../../../framework/context';
import { colours } from '../../../framework/embeds';
import type { TicketSettings } from './settings';
import { markClosed, type TicketRow, ticketLabel } from './ticket-rows';
import { formatTranscript, readChannelHistory, transcriptKey } from './transcript';

export type CloseResult =
  | { ok: true; messageCount: number | null }
  /** `transcript`: nothing changed (the ticket is still open); `delete`: closed and saved, the channel remains. */
  | { ok: false; stage: 'transcript' | 'delete'; error: unknown };

export interface Closer {
  id: string;
  name: string;
}

/**
 * Closes a ticket in the order that never loses a conversation: the transcript goes to R2 first, then the
 * row is marked closed with its key, then the channel is deleted. A ticket already closed (an earlier
 * attempt could not delete its channel) only has its channel deleted.
 */
export async function closeTicket(
  services: Pick<Services, 'env' | 'db' | 'rest'>,
  ticket: TicketRow,
  settings: TicketSettings,
  closer: Closer,
  reason: string | null,
  nowMs = Date.now(),
): Promise<CloseResult> {
  const rest = services.rest();
  const channelId = ticket.channelId;
  if (!channelId) return { ok: false, stage: 'transcript', error: new Error('the ticket has no channel') };
  let closedNow = false;
  let messageCount = ticket.messageCount;
  if (ticket.status === 'open') {
    try {
      const history = await readChannelHistory(rest, channelId);
      const key = transcriptKey(ticket);
      const text = formatTranscript({ ticket, ...history, closedBy: closer, closedAt: nowMs, reason });
      await services.env.BACKUPS.put(key, text, {
        httpMetadata: { contentType: 'text/plain; charset=utf-8' },
        customMetadata: { ticketId: ticket.id, number: String(ticket.number), closedBy: closer.id },
      });
      messageCount = history.messages.length;
      closedNow = await markClosed(services.db, ticket.id, {
        closedBy: closer.id,
        closedAt: nowMs,
        transcriptKey: key,
        messageCount,
      });
    } catch (error) {
      return { ok: false, stage: 'transcript', error };
    }
  }
  try {
    await rest.delete(Routes.channel(channelId), {
      reason: `Ticket #${ticketLabel(ticket.number)} closed by ${closer.id}`,
    });
  } catch (error) {
    // Already gone (deleted by hand): the ticket is closed all the same.
    if (!(error instanceof DiscordAPIError && error.status === 404))
      return { ok: false, stage: 'delete', error };
  }
  if (closedNow && settings.logChannelId) {
    await postLogNote(rest, settings.logChannelId, ticket, closer, reason, messageCount).catch((error) =>
      console.error(`Edgeward: tickets: could not post to the log channel ${settings.logChannelId}:`, error),
    );
  }
  return { ok: true, messageCount };
}

function postLogNote(
  rest: REST,
  logChannelId: string,
  ticket: TicketRow,
  closer: Closer,
  reason: string | null,
  messageCount: number | null,
) {
  const body: RESTPostAPIChannelMessageJSONBody = {
    embeds: [
      {
        title: `🔒 Ticket #${ticketLabel(ticket.number)} closed`,
        color: colours.info,
        fields: [
          { name: 'Opened by', value: `<@${ticket.openerId}>`, inline: true },
          { name: 'Closed by', value: `<@${closer.id}>`, inline: true },
          { name: 'Messages', value: String(messageCount ?? 0), inline: true },
          ...(reason ? [{ name: 'Reason', value: reason.slice(0, 1024) }] : []),
          { name: 'Transcript', value: `\`/ticket transcript number:${ticket.number}\`` },
        ],
        timestamp: new Date().toISOString(),
      },
    ],
    allowed_mentions: { parse: [] },
  };
  return rest.post(Routes.channelMessages(logChannelId), { body });
}
