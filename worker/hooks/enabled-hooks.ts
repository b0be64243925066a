import type { Database } from '../db/client';
import { extensionAvailability } from '../extensions/availability';
import type { ExtensionDefinition } from '../extensions/extension';
import { hooksForEvent, type RegisteredHook } from './registered-hooks';

/**
 * The handlers of `event` that may run for `guildId`, in running order: those of extensions available there
 * (enabled in the guild, not refused by the registry, dependencies on; every extension for guild-less events).
 */
export async function enabledHooks(
  db: Database,
  extensions: readonly ExtensionDefinition[],
  event: string,
  guildId: string | null,
): Promise<RegisteredHook[]> {
  const hooks = hooksForEvent(extensions, event);
  if (hooks.length === 0) return [];
  const owners = [...new Set(hooks.map((h) => h.extension))];
  const available = await Promise.all(
    owners.map(async (e) => (await extensionAvailability(db, extensions, guildId, e)).ok),
  );
  const on = new Set(owners.filter((_, i) => available[i]));
  return hooks.filter((h) => on.has(h.extension));
}
