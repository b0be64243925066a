import type { APIEmbed } from 'discord-api-types/v10';
import { colours } from '../framework/embeds';
import { type BackupRow, countsOf } from './backup-store';
import { formatBytes } from './format';

const PHASES = ['queued', 'server and roles', 'images', 'members', 'bans', 'saving'] as const;

export function progressEmbed(label: string, phase: string): APIEmbed {
  const at = Math.max(0, PHASES.indexOf(phase as (typeof PHASES)[number]));
  return {
    title: '💾 Creating backup…',
    color: colours.warning,
    description: [
      `**${label}**`,
      '',
      ...PHASES.map((p, i) =>
        `${i < at ? '✅' : i === at ? '⏳' : '▫️'} ${p === 'queued' ? 'queued' : `capturing ${p}`}`.replace(
          'capturing saving',
          'saving to storage',
        ),
      ),
    ].join('\n'),
    timestamp: new Date().toISOString(),
  };
}

export function contentsLine(row: BackupRow): string {
  const c = countsOf(row);
  return [
    `${c.roles} roles`,
    `${c.categories} categories`,
    `${c.channels} channels`,
    `${c.emojis} emojis`,
    `${c.stickers} stickers`,
    `${c.members} members`,
    `${c.bans} bans`,
  ].join(' · ');
}

export function createdEmbed(
  row: BackupRow,
  extra: { seconds: number; warnings: string[]; notes: string[] },
): APIEmbed {
  return {
    title: '✅ Backup created',
    color: colours.success,
    fields: [
      { name: 'ID', value: `\`${row.id}\``, inline: true },
      {
        name: 'Size',
        value: `${formatBytes(row.rawSize)} (${formatBytes(row.storedSize)} stored)`,
        inline: true,
      },
      { name: 'Took', value: `${extra.seconds.toFixed(1)} s`, inline: true },
      { name: 'SHA-256', value: `\`${row.checksum}\`` },
      { name: 'Contents', value: contentsLine(row) },
      ...(extra.notes.length
        ? [{ name: '⚠️ Not captured', value: extra.notes.join('\n').slice(0, 1024) }]
        : []),
      ...(extra.warnings.length
        ? [
            {
              name: `⚠️ Warnings (${extra.warnings.length})`,
              value: extra.warnings.slice(0, 8).join('\n').slice(0, 1024),
            },
          ]
        : []),
      {
        name: 'Next steps',
        value: `\`/backupview id:${row.id}\` · \`/backuppin id:${row.id}\` · \`/backupverify id:${row.id}\``,
      },
    ],
    timestamp: new Date().toISOString(),
  };
}

export function failedEmbed(reason: string): APIEmbed {
  return {
    title: '❌ Backup failed',
    color: colours.error,
    description: reason,
    timestamp: new Date().toISOString(),
  };
}
