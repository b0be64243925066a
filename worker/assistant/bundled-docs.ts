/// <reference path="./markdown.d.ts" />
/**
 * The documents /ask answers from, bundled into the worker as text: wrangler.toml `rules` makes `**\/*.md`
 * Text modules (in `wrangler dev`, deploys and the vitest pool alike). They are imported lazily, when /ask
 * first needs them, so that Node scripts importing the extension catalogue (register, check:extensions)
 * never load a .md file. A node test checks that every docs/*.md is listed here.
 */
export interface BundledDoc {
  path: string;
  text: string;
}

type TextModule = Promise<{ default: string }>;

const SOURCES: readonly [string, () => TextModule][] = [
  ['README.md', () => import('../../README.md')],
  ['docs/architecture.md', () => import('../../docs/architecture.md')],
  ['docs/assistant.md', () => import('../../docs/assistant.md')],
  ['docs/dashboard-api.md', () => import('../../docs/dashboard-api.md')],
  ['docs/decisions.md', () => import('../../docs/decisions.md')],
  ['docs/diagnostics.md', () => import('../../docs/diagnostics.md')],
  ['docs/emulator.md', () => import('../../docs/emulator.md')],
  ['docs/extensions.md', () => import('../../docs/extensions.md')],
  ['docs/hooks.md', () => import('../../docs/hooks.md')],
  ['docs/scheduler.md', () => import('../../docs/scheduler.md')],
];

let loaded: Promise<BundledDoc[]> | null = null;

export function loadBundledDocs(): Promise<BundledDoc[]> {
  loaded ??= Promise.all(SOURCES.map(async ([path, load]) => ({ path, text: (await load()).default })));
  return loaded;
}
