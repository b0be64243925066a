import { Hono } from 'hono';
import type { Config } from './config';
import { dashboardApi } from './dashboard/api';
import type { ExtensionDefinition } from './extensions/extension';
import { assertExtensionSet } from './extensions/set-resolution';
import type { AnyCommand, AnyComponent } from './framework/command';
import { createRegistry, type Registry } from './framework/registry';
import { exportsRoute } from './http/exports-route';
import { type AppEnv, interactionsRoute } from './http/interactions-route';
import { requireConfig } from './http/require-config';
import { EDGEWARD_VERSION } from './version';

export interface AppDefinition {
  /** In /help order; default: the extensions' commands. */
  commands?: readonly AnyCommand[];
  components?: readonly AnyComponent[];
  /** The extension set: its commands answer per guild, and a broken set stops the worker from starting. */
  extensions?: readonly ExtensionDefinition[];
}

/**
 * One registry per slash-limit configuration; built once per isolate. The extension set is checked at
 * once (when the worker's module loads), so a broken set refuses to start with the reason.
 */
export function registryFactory(app: AppDefinition): (config: Config) => Registry {
  if (app.extensions) assertExtensionSet(app.extensions);
  const cache = new Map<string, Registry>();
  return (config) => {
    const key = `${config.slashSafeLimit}/${config.slashWarningLimit}`;
    let registry = cache.get(key);
    if (!registry) {
      registry = createRegistry({
        ...app,
        safeLimit: config.slashSafeLimit,
        warningLimit: config.slashWarningLimit,
      });
      cache.set(key, registry);
    }
    return registry;
  };
}

export function createApp(definition: AppDefinition) {
  const registryFor = registryFactory(definition);
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json({ name: 'Edgeward', version: EDGEWARD_VERSION, interactions: '/interactions' }));
  app.get('/health', requireConfig, (c) => c.json({ ok: true, version: EDGEWARD_VERSION }));
  app.post('/interactions', requireConfig, interactionsRoute(registryFor));
  app.get('/exports/:guildId/:backupId', requireConfig, exportsRoute);
  app.use('/api/*', requireConfig);
  app.route('/api', dashboardApi(registryFor));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    console.error('Edgeward: unhandled error:', error);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
