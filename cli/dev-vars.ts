import { existsSync, readFileSync } from 'node:fs';

/** Reads `KEY=value` lines from a `.dev.vars` file (the format wrangler uses); missing file → {}. */
export function readDevVars(path = '.dev.vars'): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!match?.[1] || line.trimStart().startsWith('#')) continue;
    out[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}
