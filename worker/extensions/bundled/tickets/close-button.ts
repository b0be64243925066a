import { defineComponent } from '../../../framework/command';
import { requestClose } from './close-request';

/** The 🔒 Close button in a ticket's first message: anyone may press it (who may close is checked), forever. */
export const closeTicketButton = defineComponent({
  pattern: 'tickets.close',
  anyone: true,
  ttlSeconds: 0,
  mutates: true,
  run: (ctx) => requestClose(ctx, null),
});
