import { enabledStates } from '../../extensions/guild-extensions';
import type { Services } from '../../framework/context';

/** Every extension's state in the invoking guild, or null outside a guild. */
export function guildStates(
  services: Pick<Services, 'db' | 'registry'>,
  guildId: string | null,
): Promise<Map<string, boolean>> | null {
  return guildId ? enabledStates(services.db, guildId, services.registry.extensions) : null;
}
