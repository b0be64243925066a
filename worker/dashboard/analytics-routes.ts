import { Routes } from 'discord-api-types/v10';
import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { BackupStore } from '../backups/backup-store';
import { disableSchedule, enableSchedule } from '../backups/schedule-store';
import { commandStats } from '../db/schema';
import { apiError, type DashboardEnv } from './context';
import { guildAccess, requireCsrf } from './middleware';
import { readJson } from './read-json';
import { settingsOf } from './settings-view';

const DAY_MS = 24 * 60 * 60 * 1000;
const KINDS = ['manual', 'auto', 'import', 'safety'] as const;

const scheduleBody = z.discriminatedUnion('enabled', [
  z
    .object({
      enabled: z.literal(true),
      intervalHours: z
        .number()
        .int('must be whole hours')
        .min(1, 'at least 1 hour')
        .max(168, 'at most 168 hours'),
      alertChannelId: z
        .string()
        .regex(/^\d{17,20}$/, 'must be a channel id')
        .nullable(),
    })
    .strict(),
  z.object({ enabled: z.literal(false) }).strict(),
]);

/** Automatic backups, and the analytics page: backups per day, storage, command usage. */
export const analyticsRoutes = new Hono<DashboardEnv>()
  .put('/:guildId/schedule', requireCsrf, guildAccess('backups'), async (c) => {
    const parsed = await readJson(c, scheduleBody);
    if (!parsed.ok) return parsed.response;
    const guildId = c.get('guild').id;
    const services = c.get('services');
    const actorId = c.get('session').userId;
    if (!parsed.value.enabled) await disableSchedule(services.db, guildId, actorId);
    else {
      const { intervalHours, alertChannelId } = parsed.value;
      if (alertChannelId) {
        const channels = (await services.rest().get(Routes.guildChannels(guildId))) as {
          id: string;
          type: number;
        }[];
        if (!channels.some((ch) => ch.id === alertChannelId && ch.type === 0))
          return apiError(c, 400, 'Check the highlighted fields.', {
            fields: { alertChannelId: 'not a text channel of this server' },
          });
      }
      await enableSchedule(services.db, { guildId, intervalHours, alertChannelId, actorId });
    }
    return c.json(await settingsOf(c, guildId));
  })
  .get('/:guildId/analytics', guildAccess('view'), async (c) => {
    const guildId = c.get('guild').id;
    const services = c.get('services');
    const [rows, commands] = await Promise.all([
      new BackupStore(services.db, c.env.BACKUPS).list(guildId),
      services.db
        .select({
          name: commandStats.command,
          uses: commandStats.uses,
          errors: commandStats.errors,
        })
        .from(commandStats)
        .where(and(eq(commandStats.guildId, guildId), sql`${commandStats.uses} > 0`))
        .orderBy(desc(commandStats.uses))
        .limit(15),
    ]);
    const today = Math.floor(Date.now() / DAY_MS);
    const perDay = Array.from({ length: 30 }, (_, i) => ({
      day: new Date((today - 29 + i) * DAY_MS).toISOString().slice(0, 10),
      count: 0,
      bytes: 0,
    }));
    for (const r of rows) {
      const slot = perDay[Math.floor(r.createdAt / DAY_MS) - (today - 29)];
      if (slot) {
        slot.count++;
        slot.bytes += r.storedSize;
      }
    }
    const byKind = Object.fromEntries(KINDS.map((k) => [k, rows.filter((r) => r.kind === k).length]));
    return c.json({
      backups: {
        perDay,
        byKind,
        storedBytes: rows.reduce((a, r) => a + r.storedSize, 0),
        largestBytes: rows.reduce((a, r) => Math.max(a, r.rawSize), 0),
      },
      commands,
    });
  });
