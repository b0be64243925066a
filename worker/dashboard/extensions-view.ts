import { enabledStates } from '../extensions/guild-extensions';
import { toggleDecision } from '../extensions/guild-toggle';
import { getEnforcement } from '../extensions/registry-settings';
import type { Services } from '../framework/context';

/** The rules' messages without Discord's bold markers, for the dashboard. */
export const plainText = (text: string) => text.replaceAll('**', '');

/** A server's extensions as the dashboard shows them (`GET /api/guilds/:id/extensions`), in catalogue order. */
export async function extensionsOf(services: Pick<Services, 'db' | 'registry'>, guildId: string) {
  const extensions = services.registry.extensions;
  const [states, enforcement] = await Promise.all([
    enabledStates(services.db, guildId, extensions),
    getEnforcement(services.db),
  ]);
  return extensions.map((extension) => {
    const m = extension.manifest;
    const enabled = states.get(m.name) ?? false;
    // Blocked: the switch the admin would flip now (enable when off, disable when on) is refused.
    const decision = toggleDecision(extensions, extension, !enabled, states, enforcement);
    const blocked = !decision.ok && decision.tone === 'error';
    return {
      name: m.name,
      version: m.version,
      author: m.author,
      description: m.description,
      details: m.details,
      required: m.required,
      enabledByDefault: m.enabledByDefault,
      enabled,
      commands: extension.commands.map((c) => c.name),
      dependencies: Object.entries(m.dependencies).map(([name, range]) => ({ name, range })),
      conflicts: m.conflicts,
      blocked,
      blockedReasons: blocked ? decision.reasons.map(plainText) : [],
    };
  });
}
