import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkExtensions } from '../../scripts/check-extensions';
import { catalogue } from '../../worker/extensions/catalogue';
import { defineExtension, type ExtensionManifestInput } from '../../worker/extensions/extension';
import { resolveExtensions } from '../../worker/extensions/resolve';
import { assertExtensionSet, startBlockers } from '../../worker/extensions/set-resolution';
import { type AnyCommand, defineComponent } from '../../worker/framework/command';
import { defineCommandGroup } from '../../worker/framework/command-group';
import { reply } from '../../worker/framework/reply';
import { testCommand } from '../fixtures/test-command';

const command = testCommand;

/** An extension whose manifest lists exactly the commands it defines, unless the manifest says otherwise. */
function ext(
  name: string,
  manifest: Partial<ExtensionManifestInput> = {},
  code: { commands?: AnyCommand[]; components?: ReturnType<typeof defineComponent>[] } = {},
) {
  const commands = code.commands ?? [];
  return defineExtension({
    manifest: {
      name,
      version: '1.0.0',
      author: 'Tests',
      description: `The ${name} extension`,
      commands: commands.map((c) => c.name),
      components: (code.components ?? []).map((c) => c.key),
      ...manifest,
    },
    commands,
    components: code.components ?? [],
  });
}

const OFF = { dependencies: false, conflicts: false };

describe('extension resolution', () => {
  it('accepts a consistent set', () => {
    const set = [
      ext('core', {}, { commands: [command('help')] }),
      ext('levels', { dependencies: { core: '^1.0.0' } }, { commands: [command('rank')] }),
    ];
    const resolution = resolveExtensions(set);
    expect(resolution.ok).toBe(true);
    expect(resolution.issues).toEqual([]);
    expect(resolution.report('levels')?.dependencies).toEqual([
      { name: 'core', range: '^1.0.0', found: '1.0.0', satisfied: true },
    ]);
    expect(resolution.report('core')?.dependents).toEqual(['levels']);
    expect(resolution.slash).toEqual({ used: 2, limit: 100 });
  });

  it('reports a missing dependency, naming both extensions; a warning when enforcement is off', () => {
    const set = [ext('levels', { dependencies: { xp: '^1.0.0' } })];
    const strict = resolveExtensions(set);
    expect(strict.ok).toBe(false);
    expect(strict.errors.map((i) => i.message)).toEqual([
      '"levels" depends on "xp" ^1.0.0, which is not in this build',
    ]);
    expect(strict.report('levels')?.status).toBe('error');
    const lenient = resolveExtensions(set, OFF);
    expect(lenient.ok).toBe(true);
    expect(lenient.warnings).toHaveLength(1);
    expect(lenient.report('levels')?.status).toBe('warning');
  });

  it('checks versions with real semver ranges', () => {
    const mismatch = resolveExtensions([
      ext('core', { version: '1.4.0' }),
      ext('alpha', { dependencies: { core: '^2.0.0' } }),
      ext('beta', { dependencies: { core: '>=1.0.0 <1.4.0' } }),
      ext('gamma', { dependencies: { core: '~1.4.0' } }),
    ]);
    expect(mismatch.errors.map((i) => i.message)).toEqual([
      '"alpha" needs "core" ^2.0.0 but this build has 1.4.0',
      '"beta" needs "core" >=1.0.0 <1.4.0 but this build has 1.4.0',
    ]);
    expect(mismatch.report('gamma')?.status).toBe('ok');
    // A pre-release does not satisfy a plain range, unlike the seed's digit tuples.
    const beta = resolveExtensions([
      ext('core', { version: '1.5.0-beta.1' }),
      ext('alpha', { dependencies: { core: '^1.0.0' } }),
    ]);
    expect(beta.errors[0]?.kind).toBe('version-mismatch');
  });

  it('rejects version ranges it cannot read instead of treating them as satisfied', () => {
    expect(() => ext('alpha', { dependencies: { core: '=>1.0' } })).toThrow(/semver range/);
    expect(() => ext('alpha', { version: 'v1' })).toThrow(/semver version/);
  });

  it('reports a conflict declared on one side to both extensions', () => {
    const set = [ext('automod'), ext('filter', { conflicts: ['automod'] })];
    const resolution = resolveExtensions(set);
    expect(resolution.errors.map((i) => i.message)).toEqual([
      '"filter" conflicts with "automod" and both are enabled by default',
    ]);
    expect(resolution.report('automod')?.conflicts).toEqual([
      { name: 'filter', declaredBy: 'other', present: true, active: true },
    ]);
    expect(resolution.report('filter')?.conflicts).toEqual([
      { name: 'automod', declaredBy: 'self', present: true, active: true },
    ]);
    expect(resolution.report('automod')?.status).toBe('error');
    expect(resolution.report('filter')?.status).toBe('error');
    expect(resolveExtensions(set, { dependencies: true, conflicts: false }).ok).toBe(true);
  });

  it('reports declared-by-both conflicts once, and none when they are never on together by default', () => {
    const both = resolveExtensions([
      ext('alpha', { conflicts: ['beta'] }),
      ext('beta', { conflicts: ['alpha'] }),
    ]);
    expect(both.errors.map((i) => i.message)).toEqual([
      '"alpha" conflicts with "beta" (declared by both) and both are enabled by default',
    ]);
    const optIn = resolveExtensions([
      ext('alpha', { conflicts: ['beta'] }),
      ext('beta', { enabledByDefault: false }),
    ]);
    expect(optIn.ok).toBe(true);
    expect(optIn.report('beta')?.conflicts).toEqual([
      { name: 'alpha', declaredBy: 'other', present: true, active: false },
    ]);
    const absent = resolveExtensions([ext('alpha', { conflicts: ['ghost'] })]);
    expect(absent.report('alpha')?.conflicts).toEqual([
      { name: 'ghost', declaredBy: 'self', present: false, active: false },
    ]);
  });

  it('reports a dependency cycle with its path, even with both switches off', () => {
    const set = [
      ext('alpha', { dependencies: { beta: '^1.0.0' } }),
      ext('beta', { dependencies: { gamma: '^1.0.0' } }),
      ext('gamma', { dependencies: { alpha: '^1.0.0' } }),
      ext('delta', { dependencies: { alpha: '^1.0.0' } }),
    ];
    for (const enforcement of [undefined, OFF]) {
      const resolution = resolveExtensions(set, enforcement);
      expect(resolution.ok).toBe(false);
      expect(resolution.errors.map((i) => i.message)).toEqual([
        'dependency cycle: alpha → beta → gamma → alpha',
      ]);
    }
    const resolution = resolveExtensions(set, OFF);
    expect(resolution.report('beta')?.cycle).toEqual(['beta', 'gamma', 'alpha', 'beta']);
    expect(resolution.report('delta')?.cycle).toBeNull();
    expect(resolution.report('delta')?.status).toBe('ok');
  });

  it('reports a self-dependency as a cycle', () => {
    const resolution = resolveExtensions([ext('loop', { dependencies: { loop: '*' } })], OFF);
    expect(resolution.errors.map((i) => i.message)).toEqual(['dependency cycle: loop → loop']);
  });

  it('reports command names and aliases two extensions both claim', () => {
    const resolution = resolveExtensions([
      ext('alpha', {}, { commands: [command('rank')] }),
      ext('beta', {}, { commands: [command('rank')] }),
      ext('gamma', {}, { commands: [command('top', { aliases: ['RANK'] })] }),
    ]);
    expect(resolution.errors.map((i) => i.message)).toEqual([
      'command name "rank" is used by "alpha" (/rank) and "beta" (/rank)',
      'command name "RANK" is used by "alpha" (/rank) and "gamma" (alias "RANK" of /top)',
    ]);
    expect(resolution.errors.every((i) => i.kind === 'duplicate-command')).toBe(true);
  });

  it('reports a group name another extension claims, as a command or as its own group', () => {
    const notes = (sub: string) =>
      defineCommandGroup({ name: 'notes', description: 'Notes', commands: [command(sub)] });
    const resolution = resolveExtensions([
      ext('alpha', {}, { commands: notes('add') }),
      ext('beta', {}, { commands: [command('notes')] }),
      ext('gamma', {}, { commands: notes('list') }),
    ]);
    expect(resolution.errors.map((i) => i.message)).toEqual([
      'command name "notes" is used by "alpha" (the group /notes) and "beta" (/notes)',
      'command name "notes" is used by "alpha" (the group /notes) and "gamma" (the group /notes)',
    ]);
  });

  it('reports component keys two extensions both claim', () => {
    const one = defineComponent({ pattern: 'shared.key/:x', run: () => reply.message({}) });
    const two = defineComponent({ pattern: 'shared.key', run: () => reply.message({}) });
    const resolution = resolveExtensions([
      ext('alpha', {}, { components: [one] }),
      ext('beta', {}, { components: [two] }),
    ]);
    expect(resolution.errors.map((i) => i.message)).toEqual([
      'component key "shared.key" is used by "alpha" and "beta"',
    ]);
  });

  it('does not compare settings keys when the schema has none to compare (a union)', () => {
    const extension = defineExtension({
      manifest: {
        name: 'modes',
        version: '1.0.0',
        author: 'Tests',
        description: 'Modes',
        settings: { mode: 'a or b' },
      },
      settings: z.union([z.object({ mode: z.literal('a') }), z.object({ mode: z.literal('b') })]) as never,
    });
    expect(resolveExtensions([extension]).errors).toEqual([]);
  });

  it('reports manifests that disagree with their code', () => {
    const extension = defineExtension({
      manifest: {
        name: 'welcome',
        version: '1.0.0',
        author: 'Tests',
        description: 'Greets',
        commands: ['welcome', 'goodbye'],
        listensTo: ['member_left'],
        taskTypes: ['greet'],
        settings: { channelId: 'where to greet', style: 'embed or text' },
      },
      commands: [command('welcome'), command('preview')],
      hooks: [{ event: 'member_joined', name: 'greet', run: () => {} }],
      settings: z.object({
        channelId: z.string().nullable().default(null),
        message: z.string().default('hi'),
      }),
    });
    const resolution = resolveExtensions([extension]);
    expect(resolution.errors.map((i) => i.message)).toEqual([
      '"welcome": its manifest lists commands "goodbye" that it does not define; it defines commands "preview" that its manifest does not list',
      '"welcome": its manifest lists hook events "member_left" that it does not define; it defines hook events "member_joined" that its manifest does not list',
      '"welcome": its manifest lists task types "greet" that it does not define',
      '"welcome": its manifest lists settings "style" that it does not define; it defines settings "message" that its manifest does not list',
    ]);
  });

  it('keeps the slash-command budget of 100; prefix-only commands do not count', () => {
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => command(`${prefix}${i}`));
    const over = resolveExtensions([
      ext('big', {}, { commands: many('beta', 60) }),
      ext('more', {}, { commands: many('m', 41) }),
    ]);
    expect(over.slash.used).toBe(101);
    expect(over.errors.map((i) => i.message)).toEqual([
      'the set has 101 slash commands and Discord allows 100; mark 1 of them `slash: false` (largest: "big" 60, "more" 41)',
    ]);
    const fits = resolveExtensions([
      ext('big', {}, { commands: many('beta', 60) }),
      ext('more', {}, { commands: [...many('m', 40), command('prefixonly', { slash: false })] }),
    ]);
    expect(fits.ok).toBe(true);
    expect(fits.slash.used).toBe(100);
    // Subcommands share their group's slot: 85 commands, 25 of them in one group, use 61 slots.
    const grouped = resolveExtensions([
      ext('big', {}, { commands: many('beta', 60) }),
      ext(
        'more',
        {},
        { commands: defineCommandGroup({ name: 'm', description: 'M', commands: many('s', 25) }) },
      ),
    ]);
    expect(grouped.ok).toBe(true);
    expect(grouped.slash.used).toBe(61);
  });

  it('reports an extension on by default whose dependency is off by default', () => {
    const resolution = resolveExtensions([
      ext('xp', { enabledByDefault: false }),
      ext('levels', { dependencies: { xp: '1.x' } }),
    ]);
    expect(resolution.errors.map((i) => i.message)).toEqual([
      '"levels" is enabled by default but its dependency "xp" is not',
    ]);
  });

  it('reports two extensions with the same name', () => {
    expect(resolveExtensions([ext('twin'), ext('twin')]).errors.map((i) => i.message)).toEqual([
      'two extensions are named "twin"',
    ]);
  });
});

describe('the start check and the build check', () => {
  it('refuses to start on a cycle, not on a dependency problem (refused per extension at run time)', () => {
    const cyclic = [
      ext('alpha', { dependencies: { beta: '*' } }),
      ext('beta', { dependencies: { alpha: '*' } }),
    ];
    expect(() => assertExtensionSet(cyclic)).toThrow(
      /refuses to start:\n {2}- dependency cycle: alpha → beta → alpha/,
    );
    const missing = [ext('alpha', { dependencies: { ghost: '*' } })];
    expect(startBlockers(missing)).toEqual([]);
    expect(() => assertExtensionSet(missing)).not.toThrow();
  });

  it('fails the build on any problem, naming the extensions and the reason', () => {
    const broken = checkExtensions([ext('alpha', { dependencies: { ghost: '^1.0.0' } })]);
    expect(broken.ok).toBe(false);
    expect(broken.report).toContain('✗ error: "alpha" depends on "ghost" ^1.0.0, which is not in this build');
  });

  it('passes for the bundled catalogue, which holds the framework itself', () => {
    const result = checkExtensions(catalogue);
    expect(result.report).toMatch(/^Extension set OK/);
    expect(result.ok).toBe(true);
    const names = catalogue.map((e) => e.manifest.name);
    expect(names).toEqual(
      expect.arrayContaining(['core', 'settings', 'backups', 'shards', 'event-hooks', 'scheduler']),
    );
    const core = catalogue.find((e) => e.manifest.name === 'core');
    expect(core?.manifest.required).toBe(true);
    expect(core?.commands.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'help',
        'extensions browse',
        'extensions enable',
        'pr_list',
        'pr_info',
        'pr_validate',
        'pr_enforce',
        'pr_alert_channel',
      ]),
    );
  });
});
