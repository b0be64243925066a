import type { ExtensionDefinition } from '../extensions/extension';
import { type HookHandler, hookId } from './hook-handler';

/** A handler's timeout when it names none. */
export const DEFAULT_HOOK_TIMEOUT_MS = 10_000;

/** One handler as the bus runs it: its id, the extension it belongs to, and its effective settings. */
export interface RegisteredHook {
  id: string;
  extension: ExtensionDefinition;
  handler: HookHandler;
  event: string;
  priority: number;
  timeoutMs: number;
}

/**
 * Every handler of every extension, sorted for running: by event, then priority (higher first), then the
 * order the extensions and their hooks are declared in. A repeated id keeps its first handler.
 */
export function registeredHooks(extensions: readonly ExtensionDefinition[]): RegisteredHook[] {
  const cached = sorted.get(extensions);
  if (cached) return cached;
  const seen = new Set<string>();
  const hooks: (RegisteredHook & { order: number })[] = [];
  for (const extension of extensions) {
    for (const handler of extension.hooks) {
      const id = hookId(extension.manifest.name, handler);
      if (seen.has(id)) continue;
      seen.add(id);
      hooks.push({
        id,
        extension,
        handler,
        event: handler.event,
        priority: handler.priority ?? 0,
        timeoutMs: handler.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS,
        order: hooks.length,
      });
    }
  }
  hooks.sort((a, b) => a.event.localeCompare(b.event) || b.priority - a.priority || a.order - b.order);
  const result = hooks.map(({ order: _order, ...hook }) => hook);
  sorted.set(extensions, result);
  return result;
}

/** The extension list is fixed for an isolate's life: sort it once. */
const sorted = new WeakMap<readonly ExtensionDefinition[], RegisteredHook[]>();

/** The handlers of one event, in the order they run (higher priority first). */
export function hooksForEvent(extensions: readonly ExtensionDefinition[], event: string): RegisteredHook[] {
  return registeredHooks(extensions).filter((hook) => hook.event === event);
}

/** The handler with this id (`<event>:<extension>.<name>`), if any extension provides it. */
export function findHook(extensions: readonly ExtensionDefinition[], id: string): RegisteredHook | undefined {
  return registeredHooks(extensions).find((hook) => hook.id === id);
}
