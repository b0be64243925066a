import type { ExtensionDefinition } from '../extensions/extension';

/**
 * Where the bus finds the extensions it runs in production: the catalogue. Loaded lazily: the catalogue
 * imports every extension (this one's commands included), so a static import here would make a cycle.
 * An object so that end-to-end tests can add a probe extension (`vi.spyOn(extensionSource, 'load')`).
 */
export const extensionSource = {
  async load(): Promise<readonly ExtensionDefinition[]> {
    const { catalogue } = await import('../extensions/catalogue');
    return catalogue;
  },
};

export function installedExtensions(): Promise<readonly ExtensionDefinition[]> {
  return extensionSource.load();
}
