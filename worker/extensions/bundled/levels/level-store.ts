import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { memberLevels } from '../../../db/schema';
import { progress } from './xp-math';

export interface Award {
  xp: number;
  /** The new level if this award crossed one (exactly once per level, even with overlapping deliveries). */
  levelUp: number | null;
}

/**
 * Adds XP for a message unless the member earned XP within the cooldown: one conditional upsert, so two
 * deliveries of the same event (or two isolates) cannot both award. Returns null when nothing was awarded.
 */
export async function awardXp(
  db: Database,
  input: { guildId: string; userId: string; amount: number; atMs: number; cooldownMs: number },
): Promise<Award | null> {
  const row = await db
    .insert(memberLevels)
    .values({
      guildId: input.guildId,
      userId: input.userId,
      xp: input.amount,
      level: 0,
      messages: 1,
      lastXpAt: input.atMs,
    })
    .onConflictDoUpdate({
      target: [memberLevels.guildId, memberLevels.userId],
      set: {
        xp: sql`${memberLevels.xp} + excluded.xp`,
        messages: sql`${memberLevels.messages} + 1`,
        lastXpAt: sql`excluded.last_xp_at`,
      },
      setWhere: sql`${memberLevels.lastXpAt} <= excluded.last_xp_at - ${input.cooldownMs}`,
    })
    .returning({ xp: memberLevels.xp, level: memberLevels.level })
    .get();
  if (!row) return null;
  const reached = progress(row.xp).level;
  if (reached <= row.level) return { xp: row.xp, levelUp: null };
  // Only the writer that moves the level announces it.
  const moved = await db
    .update(memberLevels)
    .set({ level: reached })
    .where(
      and(
        eq(memberLevels.guildId, input.guildId),
        eq(memberLevels.userId, input.userId),
        sql`${memberLevels.level} < ${reached}`,
      ),
    )
    .returning({ level: memberLevels.level })
    .get();
  return { xp: row.xp, levelUp: moved ? reached : null };
}

/** A member's XP and their place in the guild (1 = most XP), or null if they have none. */
export async function rankOf(db: Database, guildId: string, userId: string) {
  const me = await db
    .select({ xp: memberLevels.xp, messages: memberLevels.messages })
    .from(memberLevels)
    .where(and(eq(memberLevels.guildId, guildId), eq(memberLevels.userId, userId)))
    .get();
  if (!me) return null;
  const ahead = await db
    .select({ n: sql<number>`count(*)` })
    .from(memberLevels)
    .where(and(eq(memberLevels.guildId, guildId), gt(memberLevels.xp, me.xp)))
    .get();
  return { ...me, position: (ahead?.n ?? 0) + 1 };
}

export const LEADERBOARD_PAGE = 10;

/** One page of the guild's leaderboard (most XP first, ties by who got there first), and the total. */
export async function leaderboardPage(db: Database, guildId: string, page: number) {
  const [rows, total] = await Promise.all([
    db
      .select({ userId: memberLevels.userId, xp: memberLevels.xp })
      .from(memberLevels)
      .where(eq(memberLevels.guildId, guildId))
      .orderBy(desc(memberLevels.xp), memberLevels.lastXpAt)
      .limit(LEADERBOARD_PAGE)
      .offset((page - 1) * LEADERBOARD_PAGE),
    db.select({ n: sql<number>`count(*)` }).from(memberLevels).where(eq(memberLevels.guildId, guildId)).get(),
  ]);
  return { rows, total: total?.n ?? 0, pages: Math.max(1, Math.ceil((total?.n ?? 0) / LEADERBOARD_PAGE)) };
}
