import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { tierIcon } from '../health';
import { type HealthSnapshot, RECENT_SNAPSHOTS, readHistory } from '../health-history';
import { formatLatency } from '../latency-buckets';

export function historyLine(s: HealthSnapshot): string {
  const time = new Date(s.at).toISOString().slice(11, 19);
  return `${tierIcon[s.tier]} \`${time}\` — ${s.tier} | err: ${s.errorRate}% (${s.failed}/${s.processed}) | p99: ${formatLatency(s.p99Ms)}${s.pendingMigrations ? ` | ${s.pendingMigrations} migration(s) pending` : ''}`;
}

export const fwHistory = defineCommand({
  name: 'fw_history',
  description: 'The last health snapshots (every 5 minutes), newest first',
  category: 'Diagnostics',
  ownerOnly: true,
  options: {
    entries: option.integer('How many snapshots (1 to 20, default 10)', { minValue: 1, maxValue: 20 }),
  },
  async run(ctx, { entries }) {
    const count = Math.min(20, Math.max(1, entries ?? 10));
    const snapshots = await readHistory(ctx.db, '5m', count);
    if (snapshots.length === 0) {
      return reply.message({
        ephemeral: true,
        content: '❌ No health history yet: the cron trigger takes a snapshot every 5 minutes.',
      });
    }
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: `📈 Health history (last ${snapshots.length}, UTC)`,
          color: colours.info,
          description: snapshots.map(historyLine).join('\n'),
          footer: { text: `Keeps ${RECENT_SNAPSHOTS} snapshots (4 hours) and one per hour for 7 days` },
        },
      ],
    });
  },
});
