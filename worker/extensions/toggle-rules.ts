/**
 * Whether an extension may be enabled or disabled in a guild, given what is enabled there. Pure. With a
 * switch on, a rule refuses; with it off, it only warns.
 */
import type { ExtensionDefinition } from './extension';
import type { Enforcement, ExtensionReport, ResolutionIssue } from './resolve-types';

export type ToggleDecision =
  | { ok: true; warnings: string[] }
  | { ok: false; tone: 'error' | 'info'; title: string; reasons: string[] };

export interface ToggleInput {
  extension: ExtensionDefinition;
  /** The extension's report from the set's resolution. */
  report: ExtensionReport;
  /** Every extension of the set: enabled in this guild or not. */
  states: ReadonlyMap<string, boolean>;
  enforcement: Enforcement;
  /** Registry issues that refuse the extension everywhere under `enforcement`. */
  refusing: readonly ResolutionIssue[];
}

const bold = (names: readonly string[]) => names.map((n) => `**${n}**`).join(', ');

function decide(refusals: string[], warnings: string[], title: string): ToggleDecision {
  return refusals.length ? { ok: false, tone: 'error', title, reasons: refusals } : { ok: true, warnings };
}

export function decideEnable({
  extension,
  report,
  states,
  enforcement,
  refusing,
}: ToggleInput): ToggleDecision {
  const name = extension.manifest.name;
  if (states.get(name)) {
    return {
      ok: false,
      tone: 'info',
      title: 'Already enabled',
      reasons: [`**${name}** is already enabled in this server.`],
    };
  }
  if (refusing.length) {
    return {
      ok: false,
      tone: 'error',
      title: 'Refused by the extension registry',
      reasons: refusing.map((i) => i.message),
    };
  }
  const refusals: string[] = [];
  const warnings: string[] = [];
  const off = report.dependencies.filter((d) => d.found !== null && !states.get(d.name)).map((d) => d.name);
  if (off.length) {
    const text = `**${name}** depends on ${bold(off)}, disabled in this server. Enable ${off.length === 1 ? 'it' : 'them'} first.`;
    (enforcement.dependencies ? refusals : warnings).push(text);
  }
  for (const dep of report.dependencies) {
    if (!dep.satisfied)
      warnings.push(
        `**${name}** needs **${dep.name}** ${dep.range}; ${dep.found ? `this build has ${dep.found}` : 'it is not in this build'}.`,
      );
  }
  const clashing = report.conflicts.filter((c) => c.present && states.get(c.name)).map((c) => c.name);
  if (clashing.length) {
    const text = `**${name}** conflicts with ${bold(clashing)}, enabled in this server. Disable ${clashing.length === 1 ? 'it' : 'them'} first.`;
    (enforcement.conflicts ? refusals : warnings).push(text);
  }
  return decide(refusals, warnings, `Cannot enable ${name}`);
}

export function decideDisable({ extension, report, states, enforcement }: ToggleInput): ToggleDecision {
  const name = extension.manifest.name;
  if (extension.manifest.required) {
    return {
      ok: false,
      tone: 'error',
      title: 'Required extension',
      reasons: [`**${name}** is part of the bot itself and cannot be disabled.`],
    };
  }
  if (!states.get(name)) {
    return {
      ok: false,
      tone: 'info',
      title: 'Already disabled',
      reasons: [`**${name}** is already disabled in this server.`],
    };
  }
  const refusals: string[] = [];
  const warnings: string[] = [];
  const users = report.dependents.filter((d) => states.get(d));
  if (users.length) {
    const text = `${bold(users)} ${users.length === 1 ? 'depends' : 'depend'} on **${name}** and ${users.length === 1 ? 'is' : 'are'} enabled in this server. Disable ${users.length === 1 ? 'it' : 'them'} first.`;
    (enforcement.dependencies ? refusals : warnings).push(text);
  }
  return decide(refusals, warnings, `Cannot disable ${name}`);
}
