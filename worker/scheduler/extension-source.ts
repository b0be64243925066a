import type { ExtensionDefinition } from '../extensions/extension';
import type { Services } from '../framework/context';

/**
 * The extensions whose task types the cron trigger runs: the catalogue (worker/extensions/catalogue.ts).
 * Loaded lazily: the catalogue imports the scheduler, whose commands use this module.
 */
export async function taskExtensions(): Promise<readonly ExtensionDefinition[]> {
  const { catalogue } = await import('../extensions/catalogue');
  return catalogue;
}

/** For commands: the worker's extension set (the registry's), or the catalogue when the app was built without one. */
export async function extensionsOf(
  services: Pick<Services, 'registry'>,
): Promise<readonly ExtensionDefinition[]> {
  const set = services.registry.extensions;
  return set.some((e) => e.manifest.name === 'scheduler') ? set : taskExtensions();
}
