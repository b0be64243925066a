/**
 * The resolution of a whole extension set, computed once per set (the set is bundled and never changes in
 * a running worker), and the start check that refuses a broken set.
 */
import type { ExtensionDefinition } from './extension';
import { resolveExtensions } from './resolve';
import { DEFAULT_ENFORCEMENT, type Resolution, type ResolutionIssue } from './resolve-types';

const cache = new WeakMap<readonly ExtensionDefinition[], Resolution>();

/** The set resolved with both switches on: every issue it has, rated as the build rates it. */
export function setResolution(extensions: readonly ExtensionDefinition[]): Resolution {
  let resolution = cache.get(extensions);
  if (!resolution) {
    resolution = resolveExtensions(extensions, DEFAULT_ENFORCEMENT);
    cache.set(extensions, resolution);
  }
  return resolution;
}

/**
 * What stops the worker from starting: every error that no switch can turn off (cycles, names claimed
 * twice, manifests that disagree with their code, the slash budget). Unmet dependencies and conflicts
 * fail the build; in a running worker they refuse only the extensions concerned, as the switches say.
 */
export function startBlockers(extensions: readonly ExtensionDefinition[]): ResolutionIssue[] {
  return setResolution(extensions).errors.filter((issue) => issue.switch === null);
}

export class ExtensionSetError extends Error {
  constructor(readonly issues: ResolutionIssue[]) {
    super(
      `The extension set is broken, so Edgeward refuses to start:\n${issues.map((i) => `  - ${i.message}`).join('\n')}`,
    );
    this.name = 'ExtensionSetError';
  }
}

export function assertExtensionSet(extensions: readonly ExtensionDefinition[]): void {
  const blockers = startBlockers(extensions);
  if (blockers.length) throw new ExtensionSetError(blockers);
}
