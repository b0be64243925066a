import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { type TicketRow, ticketLabel } from './ticket-rows';

/** The most messages a transcript holds (the newest ones); 50 requests of 100. */
export const TRANSCRIPT_MAX_MESSAGES = 5000;
const PAGE = 100;

/** The parts of a message a transcript shows, validated: they come from Discord. */
const messageShape = z
  .object({
    id: z.string(),
    timestamp: z.string(),
    content: z.string().default(''),
    author: z
      .object({
        id: z.string(),
        username: z.string(),
        global_name: z.string().nullish(),
        bot: z.boolean().optional(),
      })
      .loose(),
    attachments: z.array(z.object({ filename: z.string(), url: z.string() }).loose()).default([]),
    embeds: z
      .array(z.object({ title: z.string().optional(), description: z.string().optional() }).loose())
      .default([]),
  })
  .loose();
const pageShape = z.array(messageShape);
export type TranscriptMessage = z.output<typeof messageShape>;

/** The channel's messages, oldest first: the newest `max` of them, read page by page backwards. */
export async function readChannelHistory(
  rest: REST,
  channelId: string,
  max = TRANSCRIPT_MAX_MESSAGES,
): Promise<{ messages: TranscriptMessage[]; truncated: boolean }> {
  const newestFirst: TranscriptMessage[] = [];
  const page = async (limit: number, before: string | undefined) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before) query.set('before', before);
    return pageShape.parse(await rest.get(Routes.channelMessages(channelId), { query }));
  };
  let before: string | undefined;
  for (;;) {
    const limit = Math.min(PAGE, max - newestFirst.length);
    const messages = await page(limit, before);
    newestFirst.push(...messages);
    before = messages.at(-1)?.id;
    if (messages.length < limit || !before) return { messages: newestFirst.reverse(), truncated: false };
    if (newestFirst.length >= max) {
      const older = await page(1, before);
      return { messages: newestFirst.reverse(), truncated: older.length > 0 };
    }
  }
}

const stamp = (iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
};

const authorName = (m: TranscriptMessage) =>
  `${m.author.global_name ?? m.author.username}${m.author.bot ? ' [bot]' : ''} (${m.author.id})`;

const indent = (text: string) => text.replace(/\n/g, '\n    ');

/** One message: `[time] author: content`, then its embeds and attachment links, indented. */
function messageLines(m: TranscriptMessage): string[] {
  const lines = [`[${stamp(m.timestamp)}] ${authorName(m)}: ${indent(m.content)}`];
  for (const embed of m.embeds) {
    const text = [embed.title, embed.description].filter(Boolean).join(' — ');
    if (text) lines.push(`    [embed] ${indent(text)}`);
  }
  for (const file of m.attachments) lines.push(`    [attachment] ${file.filename}: ${file.url}`);
  return lines;
}

/** The plain-text transcript of a closed ticket. */
export function formatTranscript(input: {
  ticket: TicketRow;
  messages: TranscriptMessage[];
  truncated: boolean;
  closedBy: { id: string; name: string };
  closedAt: number;
  reason: string | null;
}): string {
  const { ticket } = input;
  const header = [
    `Ticket #${ticketLabel(ticket.number)} (server ${ticket.guildId}, channel ${ticket.channelId ?? '?'})`,
    `Opened by ${ticket.openerId} at ${new Date(ticket.openedAt).toISOString()}`,
    `Closed by ${input.closedBy.name} (${input.closedBy.id}) at ${new Date(input.closedAt).toISOString()}`,
    ...(input.reason ? [`Reason: ${input.reason}`] : []),
    `Messages: ${input.messages.length}${input.truncated ? ` (only the newest ${input.messages.length} are kept)` : ''}`,
    '',
  ];
  return [...header, ...input.messages.flatMap(messageLines), ''].join('\n');
}

/** Where a ticket's transcript is stored in R2. */
export const transcriptKey = (ticket: TicketRow) =>
  `tickets/${ticket.guildId}/${ticketLabel(ticket.number)}-${ticket.id}.txt`;
