import { defineCommand } from '../../../framework/command';
import { option } from '../../../framework/options';
import { requestClose } from './close-request';

/** `/ticket close`: the 🔒 Close button as a command, with an optional reason kept in the transcript. */
export const ticketClose = defineCommand({
  name: 'close',
  description: 'Close this ticket: its transcript is saved and the channel deleted',
  category: 'Tickets',
  help: 'Use it inside a ticket channel. The member who opened it, the support role and members with Manage Channels may close it.',
  guildOnly: true,
  mutates: true,
  options: {
    reason: option.string('Why it is closed (kept in the transcript and the log)', {
      maxLength: 500,
      rest: true,
    }),
  },
  run: (ctx, { reason }) => requestClose(ctx, reason ?? null),
});
