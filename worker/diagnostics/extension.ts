import { defineExtension } from '../extensions/extension';
import { fwAlertChannel } from './commands/fw-alert-channel';
import { fwConfigSchema } from './commands/fw-config-schema';
import { fwConfigValidate } from './commands/fw-config-validate';
import { fwDiagnostics } from './commands/fw-diagnostics';
import { fwErrors } from './commands/fw-errors';
import { fwHistory } from './commands/fw-history';
import { fwMigrations } from './commands/fw-migrations';

export const diagnosticsCommands = [
  fwDiagnostics,
  fwHistory,
  fwErrors,
  fwAlertChannel,
  fwConfigValidate,
  fwConfigSchema,
  fwMigrations,
];

/** Framework diagnostics (bot owner): health tiers, history, errors, alerts, configuration and migrations. */
export const diagnosticsExtension = defineExtension({
  manifest: {
    name: 'diagnostics',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Health, metrics, errors, alerts, configuration and migration checks (bot owner)',
    details:
      'Command outcomes, latency and Discord REST errors are recorded after each reply. Every 5 minutes a cron trigger assesses the health tier (critical at 10% errors over the last hour, degraded at 5%, typos and invalid input excluded; pending migrations and down shards also degrade) into a history, and alerts the channel set by /fw_alert_channel when it changes (at most once per 15 minutes unless it gets worse).',
    required: true,
    commands: diagnosticsCommands.map((c) => c.name),
  },
  commands: diagnosticsCommands,
});
