import type { APIEmbed } from 'discord-api-types/v10';
import type { ExtensionDefinition } from '../../extensions/extension';
import type { ExtensionReport, Resolution } from '../../extensions/resolve-types';
import { colours } from '../../framework/embeds';
import { codeList, type GuildState, STATE_LABEL } from './extension-state';

export const STATUS_ICON: Record<ExtensionReport['status'], string> = { ok: '✅', warning: '⚠️', error: '❌' };

/** The registry's status icon: ❌ unmet dependencies, ⚠️ conflicts, 🔄 cycle, ⚠️ other warnings, else ✅. */
export function statusIcon(report: ExtensionReport): string {
  if (report.cycle) return '🔄';
  if (report.dependencies.some((d) => !d.satisfied)) return '❌';
  if (report.conflicts.some((c) => c.active)) return '⚠️';
  return STATUS_ICON[report.status];
}

/** The registry's view of one extension (/pr_info): dependencies with their state, conflicts, cycle. */
export function registryCard(
  extension: ExtensionDefinition,
  report: ExtensionReport,
  resolution: Resolution,
  states: ReadonlyMap<string, boolean> | null,
  state: GuildState | null,
): APIEmbed {
  const m = extension.manifest;
  const here = (name: string) => (states ? (states.get(name) ? ' · enabled here' : ' · disabled here') : '');
  const dependencies = report.dependencies.length
    ? [
        report.dependencies.every((d) => d.satisfied) ? '✅ All satisfied' : '❌ Issues:',
        ...report.dependencies.map(
          (d) =>
            `${d.satisfied ? '✅' : '❌'} \`${d.name}\` ${d.range} · ${d.found ? `found ${d.found}` : 'not in this build'}${d.found ? here(d.name) : ''}`,
        ),
      ].join('\n')
    : 'None';
  const conflicts = report.conflicts.length
    ? report.conflicts
        .map(
          (c) =>
            `${c.active ? '⚠️' : '•'} \`${c.name}\` · ${c.declaredBy === 'self' ? 'declared here' : c.declaredBy === 'other' ? `declared by ${c.name}` : 'declared by both'} · ${
              !c.present ? 'not in this build' : c.active ? 'active: both enabled by default' : 'not active'
            }${c.present ? here(c.name) : ''}`,
        )
        .join('\n')
    : 'None';
  const issues = report.issues.map((i) => `${i.severity === 'error' ? '❌' : '⚠️'} ${i.message}`);
  return {
    title: `${statusIcon(report)} ${m.name}`,
    color:
      report.status === 'error'
        ? colours.error
        : report.status === 'warning'
          ? colours.warning
          : colours.success,
    description: m.description,
    fields: [
      {
        name: 'Information',
        value: [
          `**Version:** ${m.version}`,
          `**Author:** ${m.author}`,
          `**Default:** ${m.required ? 'required' : m.enabledByDefault ? 'enabled' : 'disabled'}`,
          ...(state ? [`**In this server:** ${STATE_LABEL[state]}`] : []),
        ].join('\n'),
      },
      {
        name: `Commands (${extension.commands.length})`,
        value: codeList(extension.commands.map((c) => c.name).sort()),
      },
      {
        name: 'Components and hooks',
        value: `${extension.components.length} component${extension.components.length === 1 ? '' : 's'} · ${extension.hooks.length} hook${extension.hooks.length === 1 ? '' : 's'}${m.providesHooks.length ? ` · provides ${codeList(m.providesHooks)}` : ''}`,
      },
      { name: 'Dependencies', value: dependencies.slice(0, 1024) },
      { name: 'Depended on by', value: codeList(report.dependents) },
      { name: 'Conflicts with', value: conflicts.slice(0, 1024) },
      { name: 'Circular dependency', value: report.cycle ? `🔄 ${report.cycle.join(' → ')}` : 'None' },
      ...(issues.length ? [{ name: 'Problems', value: issues.join('\n').slice(0, 1024) }] : []),
    ],
    footer: {
      text: `Enforcement: dependencies ${resolution.enforcement.dependencies ? 'on' : 'off'} · conflicts ${resolution.enforcement.conflicts ? 'on' : 'off'}`,
    },
  };
}
