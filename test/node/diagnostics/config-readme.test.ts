import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root } from '../../../bench/setup';
import { configSchema } from '../../../worker/config';
import { BINDINGS } from '../../../worker/diagnostics/config-catalogue';

describe("the README's configuration table", () => {
  it('has a row for every variable, secret and binding the schema checks', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const rows = new Set([...section.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]));
    for (const m of section.matchAll(/^\| `[A-Z0-9_]+`(?:, `([A-Z0-9_]+)`)+/gm)) rows.add(m[1]);
    const missing = [...Object.keys(configSchema.in.shape), ...Object.keys(BINDINGS)].filter(
      (n) => !rows.has(n),
    );
    expect(missing).toEqual([]);
  });
});

describe('the binding list the configuration check uses', () => {
  it('covers every binding wrangler.toml declares', () => {
    const toml = readFileSync(`${root}wrangler.toml`, 'utf8');
    const declared = [...toml.matchAll(/^(?:binding|name) = "([A-Z][A-Z0-9_]*)"/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(5);
    expect(declared.filter((name) => name !== undefined && !(name in BINDINGS))).toEqual([]);
  });
});
