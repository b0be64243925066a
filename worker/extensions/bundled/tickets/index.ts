import { defineCommandGroup } from '../../../framework/command-group';
import { defineExtension } from '../../extension';
import { closeTicketButton } from './close-button';
import { ticketClose } from './close-command';
import { openTicketButton } from './open-button';
import { ticketPanel } from './panel-command';
import { ticketSettings } from './settings';
import { ticketSettingsCommand } from './settings-command';
import { TICKETS_EXTENSION } from './store';
import { ticketTranscript } from './transcript-command';

/** `/ticket panel|settings|close|transcript`: one slash command. */
const commands = defineCommandGroup({
  name: 'ticket',
  description: 'Support tickets: the panel, where tickets go, closing, transcripts',
  commands: [ticketPanel, ticketSettingsCommand, ticketClose, ticketTranscript],
});
const components = [openTicketButton, closeTicketButton];

/** Tickets: a panel button opens a private channel; closing it saves a transcript to R2. */
export const ticketsExtension = defineExtension({
  manifest: {
    name: TICKETS_EXTENSION,
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Support tickets: a panel button opens a private channel; closing saves a transcript',
    details:
      'Post a panel with /ticket panel; members press 🎫 Open a ticket to get a private channel that only they, the support role and the bot can see (one open ticket each). 🔒 Close or /ticket close saves a plain-text transcript, deletes the channel and notes it in the log channel; /ticket transcript fetches it later. Needs Manage Channels and Manage Roles.',
    enabledByDefault: false,
    commands: commands.map((c) => c.name),
    components: components.map((c) => c.key),
    settings: {
      supportRoleId: 'the role that sees and answers every ticket',
      categoryId: 'where ticket channels go (default: the panel channel’s category)',
      logChannelId: 'where closed tickets are noted',
      panelTitle: 'the panel’s title',
      panelText: 'the panel’s text',
    },
  },
  commands,
  components,
  settings: ticketSettings,
});
