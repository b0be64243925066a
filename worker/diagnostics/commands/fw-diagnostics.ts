import type { APIEmbedField } from 'discord-api-types/v10';
import { applicationInfo } from '../../commands/core/stats';
import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { type Tier, tierIcon, tierLabel } from '../health';
import { formatLatency } from '../latency-buckets';
import { formatErrorLine } from '../recent-errors';
import { type DiagnosticsReport, diagnosticsReport, formatDuration } from '../report';

export const tierColour: Record<Tier, number> = {
  healthy: colours.success,
  degraded: colours.warning,
  critical: colours.error,
};

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

export function diagnosticsFields(r: DiagnosticsReport): APIEmbedField[] {
  const w = r.window;
  const rest429 = w.rest.filter((x) => x.status === 429);
  const rest5xx = w.rest.filter((x) => x.status !== 429);
  const sum = (rows: { count: number }[]) => rows.reduce((n, x) => n + x.count, 0);
  const top = (rows: { route: string; count: number }[]) =>
    rows
      .slice(0, 3)
      .map((x) => `\`${x.route}\` ${x.count}`)
      .join('\n');
  const { backups, restores, shards } = r.signals;
  return [
    {
      name: '🩺 Health',
      value: `${tierIcon[r.assessment.tier]} **${tierLabel[r.assessment.tier]}**\nError rate **${w.errorRate}%** (rolling 1 h: ${w.failed} of ${w.processed} commands failed; ${w.unknown} unknown and ${w.invalidInput} invalid-input not counted)`,
    },
    {
      name: '⏱️ Latency (1 h)',
      value: `p50 ${formatLatency(w.p50Ms)} · p99 ${formatLatency(w.p99Ms)}`,
      inline: true,
    },
    {
      name: '🗄️ Migrations',
      value: r.migrations.problem
        ? `⚠️ ${r.migrations.problem}`
        : r.migrations.pending.length
          ? `⚠️ ${r.migrations.pending.length} pending: ${r.migrations.pending.map((n) => `\`${n}\``).join(', ')}`
          : `✅ all ${r.migrations.applied.length} applied`,
      inline: true,
    },
    {
      name: '🛰️ Gateway',
      value: shards ? `${shards.connected}/${shards.total} shards connected` : 'off or not started',
      inline: true,
    },
    {
      name: '📡 Discord REST (1 h)',
      value:
        sum(w.rest) === 0 ? 'no 429 or 5xx' : `429: ${sum(rest429)} · 5xx: ${sum(rest5xx)}\n${top(w.rest)}`,
    },
    {
      name: '💾 Backups, restores and hooks',
      value: [
        `Backups (24 h): ${counts(backups.lastDay)}; failed ${backups.failed}; running ${backups.running}${backups.stuck ? `, ${backups.stuck} stuck` : ''}`,
        `Auto-backup schedules failing: ${backups.failingSchedules}`,
        `Restores (24 h): ${counts(restores.lastDay)}; in progress ${restores.inProgress}`,
        `Hook queue: ${r.signals.hookQueue} waiting or retrying · ${r.signals.deadLetters} dead letters`,
        `Storage errors (1 h): D1 ${r.signals.storage.d1} · R2 ${r.signals.storage.r2}`,
      ].join('\n'),
    },
    {
      name: `🧯 Recent errors (${r.recentErrors.length ? 'newest first' : 'none'})`,
      value: r.recentErrors.length
        ? r.recentErrors
            .slice(0, 3)
            .map((e) => formatErrorLine(e, 70))
            .join('\n')
        : 'No command failed recently.',
    },
    {
      name: '🔔 Alerts',
      value: `${r.alertChannel ? `<#${r.alertChannel.channelId}>` : 'no channel (`/fw_alert_channel`)'} · last check ${r.lastSnapshot ? `<t:${Math.floor(r.lastSnapshot.at / 1000)}:R>` : 'not yet (every 5 min)'}`,
    },
  ];
}

export const fwDiagnostics = defineCommand({
  name: 'fw_diagnostics',
  description: 'Framework diagnostics: uptime, health, error rate, latency, migrations, errors',
  category: 'Diagnostics',
  ownerOnly: true,
  cooldown: { rate: 1, per: 5, scope: 'user' },
  async run(ctx) {
    const [report, info] = await Promise.all([diagnosticsReport(ctx), applicationInfo(ctx)]);
    const registry = ctx.registry;
    const required = registry.extensions.filter((e) => e.manifest.required).length;
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: `🔧 Edgeward ${report.version} diagnostics`,
          color: tierColour[report.assessment.tier],
          description: report.assessment.reasons.length
            ? report.assessment.reasons.map((reason) => `• ${reason}`).join('\n')
            : 'Every signal is normal.',
          fields: [
            {
              name: '⏳ Uptime',
              value: `${formatDuration(report.now - report.deployment.since)} (version ${report.version} since <t:${Math.floor(report.deployment.since / 1000)}:f>)`,
              inline: true,
            },
            {
              name: '🧩 Extensions',
              value: `${registry.extensions.length} (${required} required)`,
              inline: true,
            },
            {
              name: '📋 Commands',
              value: `${registry.commands.length} total · ${registry.slashUsage.used} slash`,
              inline: true,
            },
            {
              name: '🌐 Servers',
              value: String(info.app?.approximate_guild_count ?? 'unknown'),
              inline: true,
            },
            ...diagnosticsFields(report),
          ],
          timestamp: new Date(report.now).toISOString(),
        },
      ],
    });
  },
});
