import type { APIEmbed } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { type ConfigFinding, type ConfigReport, configReport } from '../config-report';

const icon = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
/** Fields per embed: one is kept for "and N more". */
const MAX_FINDINGS = 24;

export function findingField(f: ConfigFinding) {
  return {
    name: `${icon[f.severity]} ${f.name}${f.kind === 'variable' ? '' : ` (${f.kind})`}`,
    value: `${f.problem}\n→ ${f.fix}`,
  };
}

export function configReportEmbed(report: ConfigReport): APIEmbed {
  const bySeverity = (s: ConfigFinding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const errors = bySeverity('error');
  const warnings = bySeverity('warning');
  const shown = report.findings.slice(0, MAX_FINDINGS);
  const more = report.findings.length - shown.length;
  return {
    title: errors
      ? '❌ Configuration has errors'
      : warnings
        ? '⚠️ Configuration works, with warnings'
        : '✅ Configuration is valid',
    color: errors ? colours.error : warnings ? colours.warning : colours.success,
    description: `Checked ${report.checked.variables} variables, ${report.checked.secrets} secrets and ${report.checked.bindings} bindings against one schema: ${errors} error(s), ${warnings} warning(s), ${bySeverity('info')} note(s). Secret values are never shown.`,
    fields: [
      ...shown.map(findingField),
      ...(more > 0 ? [{ name: `… and ${more} more`, value: 'Fix the ones above first.' }] : []),
    ],
  };
}

export const fwConfigValidate = defineCommand({
  name: 'fw_config_validate',
  description: 'Check every variable, secret and binding: missing, malformed, suspicious',
  category: 'Diagnostics',
  ownerOnly: true,
  run(ctx) {
    return reply.message({ ephemeral: true, embeds: [configReportEmbed(configReport(ctx.env, ctx.origin))] });
  },
});
