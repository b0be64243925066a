import { type APIEmbed, Routes } from 'discord-api-types/v10';
import { pruneAssistantIndex } from '../assistant/passage-index';
import type { Config } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import { colours } from '../framework/embeds';
import { createRest } from '../services';
import { EDGEWARD_VERSION } from '../version';
import { type AlertDecision, decideAlert } from './alert-policy';
import { assessHealth, type Tier, tierIcon, tierLabel } from './health';
import { type HealthSnapshot, recordSnapshot } from './health-history';
import { healthSignalsOf } from './health-inputs';
import { formatLatency } from './latency-buckets';
import { pruneMetrics, readMetricsWindow } from './metrics-window';
import { migrationStatus } from './migrations';
import { claimAlertState, getAlertState, getDiagnosticsAlertChannel, noteDeployment } from './settings';
import { operationalSignals } from './signals';

export interface Evaluation {
  snapshot: HealthSnapshot;
  decision: AlertDecision;
  /** The channel the alert went to, when one was sent. */
  alertedChannel: string | null;
}

const tierColour: Record<Tier, number> = {
  healthy: colours.success,
  degraded: colours.warning,
  critical: colours.error,
};

export function alertEmbed(snapshot: HealthSnapshot, previous: Tier): APIEmbed {
  return {
    title: `${tierIcon[snapshot.tier]} Edgeward health: ${tierLabel[snapshot.tier]} (was ${tierLabel[previous]})`,
    color: tierColour[snapshot.tier],
    description: snapshot.details.reasons.length
      ? snapshot.details.reasons.map((r) => `• ${r}`).join('\n')
      : 'Every signal is back to normal.',
    fields: [
      {
        name: 'Error rate (rolling 1 h)',
        value: `${snapshot.errorRate}% · ${snapshot.failed}/${snapshot.processed} commands`,
        inline: true,
      },
      {
        name: 'Latency',
        value: `p50 ${formatLatency(snapshot.p50Ms)} · p99 ${formatLatency(snapshot.p99Ms)}`,
        inline: true,
      },
    ],
    footer: { text: 'At most one alert per 15 minutes unless it gets worse · /fw_diagnostics for details' },
    timestamp: new Date(snapshot.at).toISOString(),
  };
}

/**
 * The 5-minute health evaluation (cron): reads the last hour's metrics, the migrations and the operational
 * signals, stores a snapshot in the history, prunes old metric rows (and stale assistant index scopes), and
 * alerts the channel set by
 * /fw_alert_channel when the tier changed (see `decideAlert`). `send` is replaceable for tests.
 */
export async function evaluateHealth(
  env: Env,
  config: Config,
  now = Date.now(),
  send: (channelId: string, embed: APIEmbed) => Promise<void> = async (channelId, embed) => {
    await createRest(config).post(Routes.channelMessages(channelId), {
      body: { embeds: [embed], allowed_mentions: { parse: [] } },
    });
  },
): Promise<Evaluation> {
  const db = database(env.DB);
  const [window, migrations, signals] = await Promise.all([
    readMetricsWindow(db, now),
    migrationStatus(env.DB),
    operationalSignals(env, config, db, now),
  ]);
  const assessment = assessHealth(healthSignalsOf(window, migrations.pending, signals));
  const rest429 = window.rest.filter((r) => r.status === 429).reduce((n, r) => n + r.count, 0);
  const snapshot: HealthSnapshot = {
    at: now,
    tier: assessment.tier,
    errorRate: window.errorRate,
    processed: window.processed,
    failed: window.failed,
    p50Ms: window.p50Ms,
    p99Ms: window.p99Ms,
    pendingMigrations: migrations.pending.length,
    details: {
      reasons: assessment.reasons,
      unknown: window.unknown,
      invalidInput: window.invalidInput,
      rest429,
      rest5xx: window.rest.reduce((n, r) => n + r.count, 0) - rest429,
      shards: signals.shards,
      hookQueue: signals.hookQueue,
    },
  };
  await Promise.all([
    recordSnapshot(db, snapshot),
    pruneMetrics(db, now),
    noteDeployment(db, EDGEWARD_VERSION, now),
    pruneAssistantIndex(env.DB, now).catch(() => {}),
  ]);

  const state = await getAlertState(db);
  const decision = decideAlert(state, snapshot.tier, now);
  if (!decision.send || !(await claimAlertState(db, state, { tier: snapshot.tier, at: now }))) {
    return { snapshot, decision, alertedChannel: null };
  }
  const channel = await getDiagnosticsAlertChannel(db);
  if (!channel) return { snapshot, decision, alertedChannel: null };
  try {
    await send(channel.channelId, alertEmbed(snapshot, decision.previous));
    return { snapshot, decision, alertedChannel: channel.channelId };
  } catch (error) {
    console.error(
      'Edgeward: the health alert could not be sent:',
      error instanceof Error ? error.message : error,
    );
    return { snapshot, decision, alertedChannel: null };
  }
}
