import type { APIEmbed } from 'discord-api-types/v10';
import { colours } from '../framework/embeds';
import type { OpState } from './job-store';

export interface RestoreReport {
  status: 'done' | 'cancelled';
  counts: Record<OpState, number>;
  changes: { created: number; updated: number; deleted: number };
  calls: number;
  durationMs: number;
  /** Operations a fresh plan still finds after the restore (null: not verified). */
  remaining: number | null;
  failures: string[];
}

export function finalEmbed(r: RestoreReport): APIEmbed {
  const clean = r.status === 'done' && r.counts.failed === 0 && r.remaining === 0;
  return {
    title:
      r.status === 'cancelled'
        ? '🛑 Restore cancelled'
        : clean
          ? '✅ Restore finished'
          : '⚠️ Restore finished with problems',
    color: r.status === 'cancelled' ? colours.warning : clean ? colours.success : colours.warning,
    fields: [
      { name: 'Created', value: String(r.changes.created), inline: true },
      { name: 'Updated', value: String(r.changes.updated), inline: true },
      { name: 'Deleted', value: String(r.changes.deleted), inline: true },
      { name: 'Skipped', value: String(r.counts.skipped), inline: true },
      { name: 'Failed', value: String(r.counts.failed), inline: true },
      { name: 'Not started', value: String(r.counts.pending + r.counts.in_flight), inline: true },
      { name: 'API calls', value: String(r.calls), inline: true },
      { name: 'Took', value: `${(r.durationMs / 1000).toFixed(1)} s`, inline: true },
      {
        name: 'Verification',
        value:
          r.remaining === null
            ? 'Not run.'
            : r.remaining === 0
              ? 'The server now matches the backup for everything restored.'
              : `${r.remaining} difference${r.remaining === 1 ? '' : 's'} remain (see the problems in the plan).`,
      },
      ...(r.failures.length
        ? [
            {
              name: 'Problems',
              value: r.failures
                .map((f) => `• ${f}`)
                .join('\n')
                .slice(0, 1024),
            },
          ]
        : []),
    ],
    timestamp: new Date().toISOString(),
  };
}

export function failedEmbed(reason: string): APIEmbed {
  return {
    title: '❌ Restore not started',
    color: colours.error,
    description: `${reason}\nNothing was changed.`,
    timestamp: new Date().toISOString(),
  };
}
