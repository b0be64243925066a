/**
 * The extension registry's deployment-wide settings in `framework_settings`: the enforcement switches
 * (pr_enforce), the alert channel (pr_alert_channel) and when the last alert went out. Every value is
 * JSON, validated on the way in and on the way out.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { frameworkSettings } from '../db/schema';
import { DEFAULT_ENFORCEMENT, type Enforcement } from './resolve-types';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

const enforcementSchema = z.object({ dependencies: z.boolean(), conflicts: z.boolean() }).strict();
const alertChannelSchema = z
  .object({ channelId: snowflake, guildId: snowflake.nullable() })
  .strict()
  .nullable();
const lastAlertSchema = z.object({ at: z.number().int().nonnegative(), fingerprint: z.string() }).strict();

export type AlertChannel = z.output<typeof alertChannelSchema>;
export type LastAlert = z.output<typeof lastAlertSchema>;

export const REGISTRY_SETTING_KEYS = {
  enforcement: 'extensions.enforcement',
  alertChannel: 'extensions.alert_channel',
  lastAlert: 'extensions.last_alert',
} as const;

async function read<T>(db: Database, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await db
    .select({ value: frameworkSettings.value })
    .from(frameworkSettings)
    .where(eq(frameworkSettings.key, key))
    .get();
  if (!row) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.warn(`Edgeward: framework setting ${key} is invalid; using the default.`);
    return fallback;
  }
  return parsed.data;
}

async function write<T>(
  db: Database,
  key: string,
  schema: z.ZodType<T>,
  value: T,
  actorId: string | null,
  nowMs = Date.now(),
): Promise<T> {
  const valid = schema.parse(value);
  const row = { key, value: JSON.stringify(valid), updatedBy: actorId, updatedAt: nowMs };
  await db
    .insert(frameworkSettings)
    .values(row)
    .onConflictDoUpdate({ target: frameworkSettings.key, set: row });
  return valid;
}

/** The enforcement switches; both on until an owner changes them. */
export function getEnforcement(db: Database): Promise<Enforcement> {
  return read(db, REGISTRY_SETTING_KEYS.enforcement, enforcementSchema, DEFAULT_ENFORCEMENT);
}

export function setEnforcement(db: Database, value: Enforcement, actorId: string): Promise<Enforcement> {
  return write(db, REGISTRY_SETTING_KEYS.enforcement, enforcementSchema, value, actorId);
}

/** Where registry problems are reported; null when nobody set a channel. */
export function getAlertChannel(db: Database): Promise<AlertChannel> {
  return read(db, REGISTRY_SETTING_KEYS.alertChannel, alertChannelSchema, null);
}

export function setAlertChannel(db: Database, value: AlertChannel, actorId: string): Promise<AlertChannel> {
  return write(db, REGISTRY_SETTING_KEYS.alertChannel, alertChannelSchema, value, actorId);
}

export function getLastAlert(db: Database): Promise<LastAlert | null> {
  return read(db, REGISTRY_SETTING_KEYS.lastAlert, lastAlertSchema.nullable(), null);
}

/**
 * Records `next` as the last alert only if the stored one is still `previous` (a conditional write), so
 * that of two isolates deciding to alert at the same moment only one goes on.
 */
export async function claimLastAlert(
  db: Database,
  previous: LastAlert | null,
  next: LastAlert,
): Promise<boolean> {
  const value = JSON.stringify(lastAlertSchema.parse(next));
  const row = { key: REGISTRY_SETTING_KEYS.lastAlert, value, updatedBy: null, updatedAt: next.at };
  const result = previous
    ? await db
        .update(frameworkSettings)
        .set({ value, updatedAt: next.at })
        .where(
          and(
            eq(frameworkSettings.key, REGISTRY_SETTING_KEYS.lastAlert),
            eq(frameworkSettings.value, JSON.stringify(previous)),
          ),
        )
        .run()
    : await db.insert(frameworkSettings).values(row).onConflictDoNothing().run();
  return result.meta.changes === 1;
}
