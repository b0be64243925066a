/** Tables of bundled extensions (levels, tickets). */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Levels (bundled extension): each member's XP in a guild. XP is awarded at most once per cooldown. */
export const memberLevels = sqliteTable(
  'member_levels',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    xp: integer('xp').notNull().default(0),
    level: integer('level').notNull().default(0),
    messages: integer('messages').notNull().default(0),
    lastXpAt: integer('last_xp_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index('member_levels_rank').on(t.guildId, t.xp)],
);

/** Tickets (bundled extension): one private channel per request; the transcript goes to R2 on close. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    number: integer('number').notNull(),
    channelId: text('channel_id'),
    openerId: text('opener_id').notNull(),
    /** opening (channel being made) | open | closed */
    status: text('status').notNull(),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
    closedBy: text('closed_by'),
    transcriptKey: text('transcript_key'),
    messageCount: integer('message_count'),
  },
  (t) => [
    uniqueIndex('tickets_guild_number').on(t.guildId, t.number),
    index('tickets_opener').on(t.guildId, t.openerId, t.status),
    index('tickets_channel').on(t.channelId),
  ],
);
