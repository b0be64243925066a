/**
 * `npm run check:extensions` (part of `npm test` and `npm run build`): resolves the bundled extension set
 * with both enforcement switches on and fails, naming the extensions and the reason, when it is broken:
 * missing or unsatisfied dependencies, conflicts, dependency cycles, names claimed twice, manifests that
 * disagree with their code, or more slash commands than Discord allows.
 */
import { pathToFileURL } from 'node:url';
import { catalogue } from '../worker/extensions/catalogue';
import type { ExtensionDefinition } from '../worker/extensions/extension';
import { describeResolution, resolveExtensions } from '../worker/extensions/resolve';

export function checkExtensions(extensions: readonly ExtensionDefinition[]): { ok: boolean; report: string } {
  const resolution = resolveExtensions(extensions);
  const lines = describeResolution(resolution);
  const summary = `${extensions.length} extensions, ${resolution.slash.used}/${resolution.slash.limit} slash commands`;
  const report = resolution.ok
    ? [`Extension set OK: ${summary}.`, ...lines].join('\n')
    : [`Extension set is broken (${summary}):`, ...lines].join('\n');
  return { ok: resolution.ok, report };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ok, report } = checkExtensions(catalogue);
  (ok ? console.log : console.error)(report);
  process.exit(ok ? 0 : 1);
}
