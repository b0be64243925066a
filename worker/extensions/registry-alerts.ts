/**
 * Alerts about the extension set to the channel set with /pr_alert_channel. Sent once per isolate at its
 * first command (a running worker has no other "start"), and rate-limited across isolates through
 * `framework_settings`: at most one alert an hour, and the same problems at most once a day.
 */
import { type APIEmbed, Routes } from 'discord-api-types/v10';
import type { Services } from '../framework/context';
import { colours } from '../framework/embeds';
import type { ExtensionDefinition } from './extension';
import { claimLastAlert, getAlertChannel, getEnforcement, getLastAlert } from './registry-settings';
import { resolveExtensions } from './resolve';
import type { Resolution } from './resolve-types';
import { setResolution } from './set-resolution';

const HOUR_MS = 60 * 60 * 1000;
export const ALERT_MIN_GAP_MS = HOUR_MS;
export const ALERT_REPEAT_GAP_MS = 24 * HOUR_MS;

export type AlertOutcome = 'no-problems' | 'no-channel' | 'rate-limited' | 'sent' | 'failed';

export function registryAlertEmbed(resolution: Resolution, nowMs: number): APIEmbed {
  const lines = [
    ...resolution.errors.map((i) => `❌ ${i.message}`),
    ...resolution.warnings.map((i) => `⚠️ ${i.message}`),
  ];
  let description = '';
  for (const line of lines) {
    if (description.length + line.length + 1 > 3800) {
      description += `\n… and ${lines.length - description.split('\n').length} more`;
      break;
    }
    description += `${description ? '\n' : ''}${line}`;
  }
  return {
    title: `🔌 Extension registry: ${lines.length} problem${lines.length === 1 ? '' : 's'}`,
    color: resolution.errors.length ? colours.error : colours.warning,
    description,
    footer: {
      text: `Enforcement: dependencies ${resolution.enforcement.dependencies ? 'on' : 'off'} · conflicts ${resolution.enforcement.conflicts ? 'on' : 'off'} · /pr_validate for details`,
    },
    timestamp: new Date(nowMs).toISOString(),
  };
}

/** Posts the set's problems to the alert channel, unless there are none, no channel, or it is too soon. */
export async function postRegistryAlert(
  services: Pick<Services, 'db' | 'rest'>,
  extensions: readonly ExtensionDefinition[],
  nowMs = Date.now(),
): Promise<AlertOutcome> {
  if (setResolution(extensions).issues.length === 0) return 'no-problems';
  const channel = await getAlertChannel(services.db);
  if (!channel) return 'no-channel';
  const resolution = resolveExtensions(extensions, await getEnforcement(services.db));
  const fingerprint = resolution.issues.map((i) => `${i.severity}:${i.message}`).join('\n');
  const last = await getLastAlert(services.db);
  if (
    last &&
    (nowMs - last.at < ALERT_MIN_GAP_MS ||
      (last.fingerprint === fingerprint && nowMs - last.at < ALERT_REPEAT_GAP_MS))
  ) {
    return 'rate-limited';
  }
  // Claimed before sending, so two isolates starting together do not both post.
  if (!(await claimLastAlert(services.db, last, { at: nowMs, fingerprint }))) return 'rate-limited';
  try {
    await services.rest().post(Routes.channelMessages(channel.channelId), {
      body: { embeds: [registryAlertEmbed(resolution, nowMs)], allowed_mentions: { parse: [] } },
    });
    return 'sent';
  } catch (error) {
    console.error('Edgeward: extension registry alert failed:', error);
    return 'failed';
  }
}

let startAlertDone = false;

/** At the isolate's first command: alert about the set's problems in the background, if it has any. */
export function alertAtStart(
  services: Pick<Services, 'db' | 'rest' | 'waitUntil'>,
  extensions: readonly ExtensionDefinition[],
) {
  if (startAlertDone) return;
  startAlertDone = true;
  if (setResolution(extensions).issues.length === 0) return;
  services.waitUntil(postRegistryAlert(services, extensions).catch(() => 'failed'));
}
