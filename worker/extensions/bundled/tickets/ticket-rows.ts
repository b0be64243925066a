import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { tickets } from '../../../db/schema';

export type TicketRow = typeof tickets.$inferSelect;

/** An `opening` row older than this is left over from a creation that never finished, and is discarded. */
export const STALE_OPENING_MS = 5 * 60_000;
/** Attempts at a number before giving up (two inserts can read the same max; the unique index refuses one). */
const NUMBER_ATTEMPTS = 5;

/** `ticket-0007`: the channel name, and how a ticket is named in messages (#0007). */
export const ticketLabel = (number: number) => String(number).padStart(4, '0');

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/i.test(e.message)) return true;
  }
  return false;
}

/** The member's ticket that is open, or still being opened (recently), if any. */
export function activeTicket(
  db: Database,
  guildId: string,
  openerId: string,
  nowMs: number,
): Promise<TicketRow | undefined> {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.guildId, guildId),
        eq(tickets.openerId, openerId),
        sql`(${tickets.status} = 'open' OR (${tickets.status} = 'opening' AND ${tickets.openedAt} > ${nowMs - STALE_OPENING_MS}))`,
      ),
    )
    .get();
}

export type Allocation = { ok: true; ticket: TicketRow } | { ok: false; existing: TicketRow | undefined };

/**
 * Reserves the next number for a new ticket as an `opening` row, unless the member already has an active
 * one. Both the number (max + 1, backed by the unique index) and the one-per-member rule are decided by
 * the insert itself, so concurrent presses cannot share a number or open two tickets.
 */
export async function allocateTicket(
  db: Database,
  input: { guildId: string; openerId: string; nowMs: number },
): Promise<Allocation> {
  const { guildId, openerId, nowMs } = input;
  await db
    .delete(tickets)
    .where(
      and(
        eq(tickets.guildId, guildId),
        eq(tickets.openerId, openerId),
        eq(tickets.status, 'opening'),
        sql`${tickets.openedAt} <= ${nowMs - STALE_OPENING_MS}`,
      ),
    );
  for (let attempt = 1; ; attempt++) {
    const id = crypto.randomUUID();
    try {
      const result = await db.run(sql`
        INSERT INTO tickets (id, guild_id, number, channel_id, opener_id, status, opened_at)
        SELECT ${id}, ${guildId},
          (SELECT coalesce(max(number), 0) + 1 FROM tickets WHERE guild_id = ${guildId}),
          NULL, ${openerId}, 'opening', ${nowMs}
        WHERE NOT EXISTS (
          SELECT 1 FROM tickets WHERE guild_id = ${guildId} AND opener_id = ${openerId}
            AND (status = 'open' OR (status = 'opening' AND opened_at > ${nowMs - STALE_OPENING_MS})))`);
      if (result.meta.changes !== 1)
        return { ok: false, existing: await activeTicket(db, guildId, openerId, nowMs) };
      const ticket = await db.select().from(tickets).where(eq(tickets.id, id)).get();
      if (!ticket) throw new Error(`ticket ${id} vanished right after it was inserted`);
      return { ok: true, ticket };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= NUMBER_ATTEMPTS) throw error;
    }
  }
}

/** `opening` → `open` with its channel; false when the row is no longer `opening` (discarded as stale). */
export async function markOpen(db: Database, ticketId: string, channelId: string): Promise<boolean> {
  const result = await db
    .update(tickets)
    .set({ status: 'open', channelId })
    .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'opening')));
  return result.meta.changes === 1;
}

/** Removes a ticket whose channel could not be made. */
export async function discardTicket(db: Database, ticketId: string): Promise<void> {
  await db.delete(tickets).where(and(eq(tickets.id, ticketId), eq(tickets.status, 'opening')));
}

/** The ticket (open or closed) whose channel this is. */
export function ticketInChannel(
  db: Database,
  guildId: string,
  channelId: string,
): Promise<TicketRow | undefined> {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.guildId, guildId),
        eq(tickets.channelId, channelId),
        inArray(tickets.status, ['open', 'closed']),
      ),
    )
    .get();
}

export function ticketByNumber(
  db: Database,
  guildId: string,
  number: number,
): Promise<TicketRow | undefined> {
  return db
    .select()
    .from(tickets)
    .where(and(eq(tickets.guildId, guildId), eq(tickets.number, number)))
    .get();
}

/** `open` → `closed` with where its transcript is; false when it was closed already. */
export async function markClosed(
  db: Database,
  ticketId: string,
  closed: { closedBy: string; closedAt: number; transcriptKey: string; messageCount: number },
): Promise<boolean> {
  const result = await db
    .update(tickets)
    .set({ status: 'closed', ...closed })
    .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'open')));
  return result.meta.changes === 1;
}
