/**
 * Whether an extension's commands and components may run for one invocation: not refused by the registry
 * (under the persisted switches), enabled in the guild, and its dependencies enabled there too.
 */
import type { Database } from '../db/client';
import type { ExtensionDefinition } from './extension';
import { enabledStates } from './guild-extensions';
import { getEnforcement } from './registry-settings';
import type { Enforcement, IssueKind, ResolutionIssue } from './resolve-types';
import { setResolution } from './set-resolution';

export type Availability =
  | { ok: true }
  /** The registry refuses it everywhere: an unmet dependency or a conflict, with its switch on. */
  | { ok: false; reason: 'refused'; issues: ResolutionIssue[] }
  | { ok: false; reason: 'disabled' }
  /** Enabled, but a dependency is disabled in this guild (dependency enforcement on). */
  | { ok: false; reason: 'dependency-disabled'; dependencies: string[] };

/** The issues a running worker enforces per extension (the others stop it from starting). */
const RUNTIME_KINDS: ReadonlySet<IssueKind> = new Set(['missing-dependency', 'version-mismatch', 'conflict']);

/** The extension's registry issues that a switch governs, whatever the switches are now. */
export function switchableIssues(
  extensions: readonly ExtensionDefinition[],
  extension: ExtensionDefinition,
): ResolutionIssue[] {
  const report = setResolution(extensions).report(extension.manifest.name);
  return (report?.issues ?? []).filter((i) => i.switch !== null && RUNTIME_KINDS.has(i.kind));
}

/** Those of them that refuse the extension under `enforcement`. */
export function refusingIssues(
  extensions: readonly ExtensionDefinition[],
  extension: ExtensionDefinition,
  enforcement: Enforcement,
): ResolutionIssue[] {
  return switchableIssues(extensions, extension).filter((i) => i.switch !== null && enforcement[i.switch]);
}

export async function extensionAvailability(
  db: Database,
  extensions: readonly ExtensionDefinition[],
  guildId: string | null,
  extension: ExtensionDefinition,
): Promise<Availability> {
  let enforcement: Enforcement | undefined;
  const switches = async () => {
    enforcement ??= await getEnforcement(db);
    return enforcement;
  };
  if (switchableIssues(extensions, extension).length) {
    const refusing = refusingIssues(extensions, extension, await switches());
    if (refusing.length) return { ok: false, reason: 'refused', issues: refusing };
  }
  if (guildId === null) return { ok: true };
  const dependencies = extensions.filter((e) =>
    Object.hasOwn(extension.manifest.dependencies, e.manifest.name),
  );
  // Required extensions are on everywhere: nothing to read when the dependencies are required too.
  if (extension.manifest.required && dependencies.every((d) => d.manifest.required)) return { ok: true };
  const states = await enabledStates(db, guildId, [extension, ...dependencies]);
  if (!states.get(extension.manifest.name)) return { ok: false, reason: 'disabled' };
  const off = dependencies.map((d) => d.manifest.name).filter((name) => !states.get(name));
  if (off.length && (await switches()).dependencies) {
    return { ok: false, reason: 'dependency-disabled', dependencies: off };
  }
  return { ok: true };
}
