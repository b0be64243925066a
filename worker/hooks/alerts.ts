import type { REST } from '@discordjs/rest';
import { type APIEmbed, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { colours } from '../framework/embeds';

/** `framework_settings` key of the alert channel (`eh_alert_channel`). */
export const ALERT_CHANNEL_KEY = 'hooks.alert_channel';
/** At most one alert per subject (a hook, an event's dead letters) this often. */
export const ALERT_EVERY_MS = 5 * 60_000;

const channelValue = z.string().regex(/^\d{17,20}$/);

export async function getAlertChannel(d1: D1Database): Promise<string | null> {
  const row = await d1
    .prepare('SELECT value FROM framework_settings WHERE key = ?')
    .bind(ALERT_CHANNEL_KEY)
    .first<{ value: string }>();
  if (!row) return null;
  try {
    const parsed = channelValue.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function setAlertChannel(d1: D1Database, channelId: string, by: string, now = Date.now()) {
  await d1
    .prepare(
      `INSERT INTO framework_settings (key, value, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT(key) DO UPDATE SET value = ?2, updated_by = ?3, updated_at = ?4`,
    )
    .bind(ALERT_CHANNEL_KEY, JSON.stringify(channelValue.parse(channelId)), by, now)
    .run();
}

/**
 * Claims the right to alert about `subject` now: true for one caller per 5 minutes across every isolate
 * (a conditional upsert on the time of the last alert).
 */
export async function claimAlert(d1: D1Database, subject: string, now: number): Promise<boolean> {
  const row = await d1
    .prepare(
      `INSERT INTO framework_settings (key, value, updated_by, updated_at) VALUES (?1, ?2, NULL, ?2)
       ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?2 WHERE framework_settings.updated_at <= ?3
       RETURNING key`,
    )
    .bind(`hooks.alert:${subject}`.slice(0, 200), now, now - ALERT_EVERY_MS)
    .first<{ key: string }>();
  return row !== null;
}

export interface HookAlert {
  /** What the rate limit counts by: a hook id, or `dead-letter:<event>`. */
  subject: string;
  title: string;
  description: string;
}

/**
 * Posts an alert to the configured channel, at most once per subject per 5 minutes. Without a channel the
 * alert is logged. Never throws: an alert that cannot be sent must not fail the event.
 */
export async function sendHookAlert(
  deps: { d1: D1Database; rest: () => REST },
  alert: HookAlert,
  now = Date.now(),
): Promise<'sent' | 'logged' | 'rate-limited' | 'failed'> {
  try {
    if (!(await claimAlert(deps.d1, alert.subject, now))) return 'rate-limited';
    const channelId = await getAlertChannel(deps.d1);
    if (!channelId) {
      console.warn(`Edgeward: hook alert (no alert channel set): ${alert.title}: ${alert.description}`);
      return 'logged';
    }
    const embed: APIEmbed = {
      title: `⚠️ ${alert.title}`.slice(0, 256),
      description: alert.description.slice(0, 4096),
      color: colours.warning,
      timestamp: new Date(now).toISOString(),
    };
    await deps.rest().post(Routes.channelMessages(channelId), {
      body: { embeds: [embed], allowed_mentions: { parse: [] } },
    });
    return 'sent';
  } catch (error) {
    console.error('Edgeward: a hook alert could not be sent:', error);
    return 'failed';
  }
}
