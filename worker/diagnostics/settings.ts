/**
 * Diagnostics' deployment-wide settings in `framework_settings` (JSON, validated both ways): the alert
 * channel set by /fw_alert_channel, the last announced health tier, and when this version was first seen.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { frameworkSettings } from '../db/schema';
import { TIERS } from './health';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

const alertChannelSchema = z
  .object({ channelId: snowflake, guildId: snowflake.nullable() })
  .strict()
  .nullable();
const alertStateSchema = z
  .object({ tier: z.enum(TIERS), at: z.number().int().nonnegative().nullable() })
  .strict()
  .nullable();
const deploymentSchema = z
  .object({ version: z.string().min(1), since: z.number().int().nonnegative() })
  .strict();

export type DiagnosticsAlertChannel = z.output<typeof alertChannelSchema>;
export type AlertState = z.output<typeof alertStateSchema>;
export type Deployment = z.output<typeof deploymentSchema>;

export const DIAGNOSTICS_SETTING_KEYS = {
  alertChannel: 'diagnostics.alert_channel',
  alertState: 'diagnostics.alert_state',
  deployment: 'diagnostics.deployment',
} as const;

async function readRaw(db: Database, key: string): Promise<string | null> {
  const row = await db
    .select({ value: frameworkSettings.value })
    .from(frameworkSettings)
    .where(eq(frameworkSettings.key, key))
    .get();
  return row?.value ?? null;
}

async function read<T>(db: Database, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const raw = await readRaw(db, key);
  if (raw === null) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) console.warn(`Edgeward: framework setting ${key} is invalid; using the default.`);
  return parsed.success ? parsed.data : fallback;
}

async function write<T>(db: Database, key: string, schema: z.ZodType<T>, value: T, actorId: string | null) {
  const row = { key, value: JSON.stringify(schema.parse(value)), updatedBy: actorId, updatedAt: Date.now() };
  await db
    .insert(frameworkSettings)
    .values(row)
    .onConflictDoUpdate({ target: frameworkSettings.key, set: row });
}

export function getDiagnosticsAlertChannel(db: Database): Promise<DiagnosticsAlertChannel> {
  return read(db, DIAGNOSTICS_SETTING_KEYS.alertChannel, alertChannelSchema, null);
}

export function setDiagnosticsAlertChannel(db: Database, value: DiagnosticsAlertChannel, actorId: string) {
  return write(db, DIAGNOSTICS_SETTING_KEYS.alertChannel, alertChannelSchema, value, actorId);
}

/** The tier last announced (or that would have been, without a channel) and when an alert last went out. */
export function getAlertState(db: Database): Promise<AlertState> {
  return read(db, DIAGNOSTICS_SETTING_KEYS.alertState, alertStateSchema, null);
}

/**
 * Stores `next` only if the stored state is still `previous` (a conditional write): of two evaluations
 * deciding at once, only one alerts.
 */
export async function claimAlertState(
  db: Database,
  previous: AlertState,
  next: AlertState,
): Promise<boolean> {
  const key = DIAGNOSTICS_SETTING_KEYS.alertState;
  const value = JSON.stringify(alertStateSchema.parse(next));
  const now = Date.now();
  const result =
    previous === null
      ? await db
          .insert(frameworkSettings)
          .values({ key, value, updatedBy: null, updatedAt: now })
          // No valid state yet (none, or an unreadable one): this evaluation starts the record.
          .onConflictDoUpdate({ target: frameworkSettings.key, set: { value, updatedAt: now } })
          .run()
      : await db
          .update(frameworkSettings)
          .set({ value, updatedAt: now })
          .where(
            and(
              eq(frameworkSettings.key, key),
              eq(frameworkSettings.value, JSON.stringify(alertStateSchema.parse(previous))),
            ),
          )
          .run();
  return result.meta.changes === 1;
}

/** This version and since when it runs: the stored record, started now if the version changed. */
export async function noteDeployment(db: Database, version: string, now = Date.now()): Promise<Deployment> {
  const stored = await read(db, DIAGNOSTICS_SETTING_KEYS.deployment, deploymentSchema.nullable(), null);
  if (stored?.version === version) return stored;
  const fresh = { version, since: now };
  await write(db, DIAGNOSTICS_SETTING_KEYS.deployment, deploymentSchema, fresh, null);
  return fresh;
}
