import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { commandRoleRequirements, hookHistory, hookState, scheduledTasks } from '../db/schema';
import { assessHealth, tierLabel } from '../diagnostics/health';
import { healthSignalsOf } from '../diagnostics/health-inputs';
import { formatLatency } from '../diagnostics/latency-buckets';
import { readMetricsWindow } from '../diagnostics/metrics-window';
import { migrationStatus } from '../diagnostics/migrations';
import { formatErrorLine, readRecentErrors } from '../diagnostics/recent-errors';
import { storedSignals } from '../diagnostics/signals';
import type { Passage } from './chunk';

/**
 * Live state, re-read at most once a minute per scope. 'deployment': hook states and the health summary
 * (nothing guild-specific). 'guild:<id>': that guild's scheduled tasks, hook history, errors and role
 * requirements, searched only when that guild asks. 'owner': every guild's recent errors, for bot owners.
 */
const iso = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace('.000', ''));

export async function deploymentPassages(db: Database, d1: D1Database, now = Date.now()): Promise<Passage[]> {
  const [hooks, window, migrations, signals] = await Promise.all([
    db.select().from(hookState).orderBy(hookState.hookId).limit(100),
    readMetricsWindow(db, now),
    migrationStatus(d1),
    storedSignals(db, d1, now),
  ]);
  // Shards need the coordinator, which the index builder does not reach: they are left out here.
  const assessment = assessHealth(healthSignalsOf(window, migrations.pending, signals));
  return [
    {
      source: 'diagnostics:health',
      title: 'Current health of the bot',
      body: `Health: ${tierLabel[assessment.tier]}. Error rate over the last hour ${window.errorRate}% (${window.failed} of ${window.processed} commands failed; ${window.unknown} unknown commands and ${window.invalidInput} invalid inputs are not counted). Latency p50 ${formatLatency(window.p50Ms)}, p99 ${formatLatency(window.p99Ms)}. Pending D1 migrations: ${migrations.pending.join(', ') || 'none'}. ${assessment.reasons.join('. ')}`,
    },
    ...(hooks.length
      ? [
          {
            source: 'hooks:state',
            title: 'Event hook states (circuit breakers, counters)',
            body: hooks
              .map(
                (h) =>
                  `Hook ${h.hookId}: ${h.disabled ? 'disabled by an owner' : h.openUntil && h.openUntil > now ? `circuit breaker open until ${iso(h.openUntil)}` : 'running'}; ${h.executions} executions, ${h.failureCount} failures, average ${h.executions ? Math.round(h.totalMs / h.executions) : 0} ms.`,
              )
              .join('\n'),
          },
        ]
      : []),
  ];
}

export async function guildPassages(db: Database, guildId: string): Promise<Passage[]> {
  const [tasks, history, errors, roles] = await Promise.all([
    db.select().from(scheduledTasks).where(eq(scheduledTasks.guildId, guildId)).limit(50),
    db
      .select()
      .from(hookHistory)
      .where(eq(hookHistory.guildId, guildId))
      .orderBy(desc(hookHistory.at))
      .limit(20),
    readRecentErrors(db, 10, guildId),
    db.select().from(commandRoleRequirements).where(eq(commandRoleRequirements.guildId, guildId)).limit(100),
  ]);
  const passages: Passage[] = tasks.map((t) => ({
    source: `scheduler:${t.name}`,
    title: `Scheduled task ${t.name} (automation in this server)`,
    body: `Scheduled task (automation) "${t.name}", id ${t.id}: type ${t.taskType}, cron "${t.cron}" in ${t.timezone}, ${t.enabled ? 'enabled' : 'disabled'}, status ${t.status}${t.statusReason ? ` (${t.statusReason})` : ''}. Runs: ${t.runCount}${t.maxRuns ? ` of at most ${t.maxRuns}` : ''}. Next run ${iso(t.nextRunAt)}, last run ${iso(t.lastRunAt)}${t.lastError ? `, last error: ${t.lastError}` : ''}.${t.channelId ? ` Channel <#${t.channelId}>.` : ''}`,
  }));
  if (history.length) {
    passages.push({
      source: 'hooks:history',
      title: 'Recent event hook runs in this server',
      body: history
        .map(
          (h) =>
            `${iso(h.at)} event ${h.event}: ${h.successCount} handler(s) succeeded, ${h.errorCount} failed${h.errorCount ? ` (${h.errors})` : ''}, average ${h.avgMs} ms.`,
        )
        .join('\n'),
    });
  }
  if (errors.length) {
    passages.push({
      source: 'errors:recent',
      title: 'Recent command errors in this server',
      body: errors.map((e) => formatErrorLine(e, 200)).join('\n'),
    });
  }
  if (roles.length) {
    const byCommand = new Map<string, string[]>();
    for (const r of roles) byCommand.set(r.command, [...(byCommand.get(r.command) ?? []), `<@&${r.roleId}>`]);
    passages.push({
      source: 'permissions:roles',
      title: 'Role requirements set with /config in this server',
      body: [...byCommand]
        .map(([command, ids]) => `/${command} needs one of the roles ${ids.join(', ')}.`)
        .join('\n'),
    });
  }
  return passages;
}

export async function ownerPassages(db: Database): Promise<Passage[]> {
  const errors = await readRecentErrors(db, 20);
  return errors.length
    ? [
        {
          source: 'errors:recent',
          title: 'Recent command errors (every server)',
          body: errors
            .map((e) => `${formatErrorLine(e, 200)}${e.guildId ? ` (server ${e.guildId})` : ''}`)
            .join('\n'),
        },
      ]
    : [];
}
