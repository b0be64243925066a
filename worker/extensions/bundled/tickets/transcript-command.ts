import { defineCommand } from '../../../framework/command';
import { errorMessage, toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { reply } from '../../../framework/reply';
import { mayReadTranscripts } from './access';
import { ticketSettingsStore } from './store';
import { ticketByNumber, ticketLabel } from './ticket-rows';

/** Discord's default upload limit for bots (10 MiB), with room for the multipart envelope. */
const ATTACH_LIMIT = 9.5 * 1024 * 1024;

/** `/ticket transcript`: a closed ticket's transcript, as a file only the caller sees. */
export const ticketTranscript = defineCommand({
  name: 'transcript',
  description: 'Get the transcript of a closed ticket as a file (Manage Server or the support role)',
  category: 'Tickets',
  guildOnly: true,
  // A prefix reply would be public; transcripts are private conversations.
  prefix: false,
  options: { number: option.integer('The ticket’s number', { required: true, minValue: 1 }) },
  async run(ctx, { number }) {
    const guildId = ctx.guildId as string;
    const settings = await ticketSettingsStore(ctx.db).read(guildId);
    if (!mayReadTranscripts(ctx, settings))
      return reply.message(
        errorMessage(
          'Missing permissions',
          `Transcripts are for members with **Manage Server**${settings.supportRoleId ? ` or the <@&${settings.supportRoleId}> role` : ''}.`,
        ),
      );
    const ticket = await ticketByNumber(ctx.db, guildId, number);
    const label = ticketLabel(number);
    if (!ticket)
      return reply.message(errorMessage('No such ticket', `There is no ticket #${label} in this server.`));
    if (ticket.status !== 'closed' || !ticket.transcriptKey)
      return reply.message(
        errorMessage(
          'Still open',
          `Ticket #${label} is still open${ticket.channelId ? ` in <#${ticket.channelId}>` : ''}; its transcript is written when it closes.`,
        ),
      );
    const key = ticket.transcriptKey;
    return reply.defer(
      async () => {
        const object = await ctx.env.BACKUPS.get(key);
        if (!object)
          return errorMessage(
            'Transcript missing',
            `The transcript of ticket #${label} is no longer in storage.`,
          );
        const bytes = new Uint8Array(await object.arrayBuffer());
        const cut = bytes.byteLength > ATTACH_LIMIT;
        return {
          embeds: [
            toneEmbed(
              'success',
              `Transcript of ticket #${label}`,
              `Opened by <@${ticket.openerId}>, closed by <@${ticket.closedBy}> <t:${Math.floor((ticket.closedAt ?? 0) / 1000)}:R>; ${ticket.messageCount ?? 0} messages.${cut ? ' The file is too large to attach whole: only its beginning is included.' : ''}`,
            ),
          ],
          files: [
            {
              name: `ticket-${label}.txt`,
              data: cut ? bytes.slice(0, ATTACH_LIMIT) : bytes,
              contentType: 'text/plain; charset=utf-8',
            },
          ],
        };
      },
      { ephemeral: true },
    );
  },
});
