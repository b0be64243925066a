/**
 * Switching an extension on or off in one guild, shared by `/extensions enable|disable` and the dashboard:
 * the rules decide (toggle-rules.ts), then the choice is stored with an audit row and
 * extension_enabled / extension_disabled is emitted in the background.
 */
import type { Services } from '../framework/context';
import { emitEvent } from '../hooks/emit';
import { refusingIssues } from './availability';
import type { ExtensionDefinition } from './extension';
import { enabledStates, setExtensionEnabled } from './guild-extensions';
import { getEnforcement } from './registry-settings';
import type { Enforcement } from './resolve-types';
import { setResolution } from './set-resolution';
import { decideDisable, decideEnable, type ToggleDecision } from './toggle-rules';

/** What the rules say about switching `extension` to `enable`, given the guild's states. Pure. */
export function toggleDecision(
  extensions: readonly ExtensionDefinition[],
  extension: ExtensionDefinition,
  enable: boolean,
  states: ReadonlyMap<string, boolean>,
  enforcement: Enforcement,
): ToggleDecision {
  const name = extension.manifest.name;
  const report = setResolution(extensions).report(name);
  if (!report) throw new Error(`extension ${name} has no resolution report`);
  const input = {
    extension,
    report,
    states,
    enforcement,
    refusing: refusingIssues(extensions, extension, enforcement),
  };
  return enable ? decideEnable(input) : decideDisable(input);
}

/**
 * Enables or disables `extension` in `guildId` when the rules allow it: stores the choice and its audit
 * row, and emits the event in `waitUntil`. A refusal writes nothing. Returns the decision.
 */
export async function toggleGuildExtension(
  services: Pick<Services, 'db' | 'env' | 'registry' | 'waitUntil'>,
  input: { guildId: string; extension: ExtensionDefinition; enable: boolean; actorId: string },
): Promise<ToggleDecision> {
  const { guildId, extension, enable, actorId } = input;
  const extensions = services.registry.extensions;
  const [states, enforcement] = await Promise.all([
    enabledStates(services.db, guildId, extensions),
    getEnforcement(services.db),
  ]);
  const decision = toggleDecision(extensions, extension, enable, states, enforcement);
  if (!decision.ok) return decision;
  const name = extension.manifest.name;
  await setExtensionEnabled(services.db, { guildId, extension: name, enabled: enable, actorId });
  const payload = { guildId, extension: name, by: actorId };
  services.waitUntil(
    (enable
      ? emitEvent(services.env, 'extension_enabled', payload)
      : emitEvent(services.env, 'extension_disabled', payload)
    ).catch((error) =>
      console.error(`Edgeward: extension_${enable ? 'enabled' : 'disabled'} event failed:`, error),
    ),
  );
  return decision;
}
