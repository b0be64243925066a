import { describe, expect, it } from 'vitest';
import { defineExtension, type ExtensionManifestInput } from '../../worker/extensions/extension';
import { resolveExtensions } from '../../worker/extensions/resolve';
import { decideDisable, decideEnable } from '../../worker/extensions/toggle-rules';

const ext = (name: string, manifest: Partial<ExtensionManifestInput> = {}) =>
  defineExtension({ manifest: { name, version: '1.0.0', author: 'Tests', description: name, ...manifest } });

const set = [
  ext('core', { required: true }),
  ext('xp', { enabledByDefault: false }),
  ext('levels', { enabledByDefault: false, dependencies: { xp: '^1.0.0' } }),
  ext('automod', { enabledByDefault: false }),
  ext('filter', { enabledByDefault: false, conflicts: ['automod'] }),
];
const resolution = resolveExtensions(set);
const ON = { dependencies: true, conflicts: true };

function input(name: string, enabled: string[], enforcement = ON) {
  const extension = set.find((e) => e.manifest.name === name)!;
  return {
    extension,
    report: resolution.report(name)!,
    states: new Map(
      set.map((e) => [e.manifest.name, e.manifest.required || enabled.includes(e.manifest.name)]),
    ),
    enforcement,
    refusing: [],
  };
}

describe('enable and disable rules', () => {
  it('refuses to enable while a dependency is disabled, and says which', () => {
    expect(decideEnable(input('levels', []))).toEqual({
      ok: false,
      tone: 'error',
      title: 'Cannot enable levels',
      reasons: ['**levels** depends on **xp**, disabled in this server. Enable it first.'],
    });
    expect(decideEnable(input('levels', ['xp']))).toEqual({ ok: true, warnings: [] });
  });

  it('refuses to enable while a conflicting extension is enabled, whichever side declared it', () => {
    expect(decideEnable(input('filter', ['automod']))).toMatchObject({
      ok: false,
      reasons: ['**filter** conflicts with **automod**, enabled in this server. Disable it first.'],
    });
    expect(decideEnable(input('automod', ['filter']))).toMatchObject({
      ok: false,
      reasons: ['**automod** conflicts with **filter**, enabled in this server. Disable it first.'],
    });
  });

  it('only warns when the switch is off', () => {
    const lenient = decideEnable(input('filter', ['automod'], { dependencies: true, conflicts: false }));
    expect(lenient).toEqual({
      ok: true,
      warnings: ['**filter** conflicts with **automod**, enabled in this server. Disable it first.'],
    });
  });

  it('refuses to disable while a dependent is enabled, and never disables a required extension', () => {
    expect(decideDisable(input('xp', ['xp', 'levels']))).toMatchObject({
      ok: false,
      reasons: ['**levels** depends on **xp** and is enabled in this server. Disable it first.'],
    });
    expect(decideDisable(input('xp', ['xp']))).toEqual({ ok: true, warnings: [] });
    expect(decideDisable(input('core', []))).toMatchObject({ ok: false, title: 'Required extension' });
  });

  it('says when there is nothing to change', () => {
    expect(decideEnable(input('xp', ['xp']))).toMatchObject({
      ok: false,
      tone: 'info',
      title: 'Already enabled',
    });
    expect(decideDisable(input('xp', []))).toMatchObject({
      ok: false,
      tone: 'info',
      title: 'Already disabled',
    });
  });
});
