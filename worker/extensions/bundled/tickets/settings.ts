import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id');

export const DEFAULT_PANEL_TITLE = '🎫 Support tickets';
export const DEFAULT_PANEL_TEXT =
  'Need help from the team? Press **🎫 Open a ticket** below: a private channel opens that only you and the support team can see.';

/** The tickets extension's settings in one guild. */
export const ticketSettings = z.object({
  /** Sees every ticket and may close it and read transcripts; null: only members with Manage Channels. */
  supportRoleId: snowflake.nullable().default(null),
  /** Where ticket channels are created; null: the category of the channel whose panel was pressed. */
  categoryId: snowflake.nullable().default(null),
  /** Where a note is posted when a ticket closes; null: nowhere. */
  logChannelId: snowflake.nullable().default(null),
  panelTitle: z
    .string()
    .min(1, 'the title cannot be empty')
    .max(256, 'the title can be at most 256 characters')
    .default(DEFAULT_PANEL_TITLE),
  panelText: z
    .string()
    .min(1, 'the text cannot be empty')
    .max(2000, 'the text can be at most 2000 characters')
    .default(DEFAULT_PANEL_TEXT),
});

export type TicketSettings = z.output<typeof ticketSettings>;
