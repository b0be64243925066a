import { describe, expect, it } from 'vitest';
import { commands, components } from '../../worker/commands';
import { createRegistry } from '../../worker/framework/registry';
import { testCommand } from '../fixtures/test-command';

const make = testCommand;

describe('command registry', () => {
  it('accepts the bundled commands', () => {
    const registry = createRegistry({ commands, components, safeLimit: 95, warningLimit: 90 });
    expect(registry.find('BOTINFO')?.name).toBe('about');
    // A group's subcommands share one slot: /schedule carries five of them.
    const slots = new Set(commands.map((c) => c.group?.name ?? c.name)).size;
    expect(slots).toBeLessThan(commands.length);
    expect(registry.slashUsage).toMatchObject({ used: slots, status: 'safe', blocked: [] });
    expect(registry.group('schedule')?.map((c) => c.name)).toEqual([
      'schedule create',
      'schedule list',
      'schedule info',
      'schedule toggle',
      'schedule delete',
    ]);
  });

  it('keeps commands past the safe limit prefix-only, in priority order', () => {
    const list = Array.from({ length: 12 }, (_, i) => make(`cmd${i}`));
    const important = make('important', { priority: 0 });
    const registry = createRegistry({
      commands: [...list, important],
      components: [],
      safeLimit: 10,
      warningLimit: 8,
    });
    expect(registry.slashCommands).toHaveLength(10);
    expect(registry.slashCommands[0]?.name).toBe('important');
    expect(registry.slashUsage.status).toBe('critical');
    expect(registry.slashUsage.blocked.map((c) => c.name)).toEqual(['cmd9', 'cmd10', 'cmd11']);
    expect(registry.mode(list[11]!)).toBe('prefix-limit');
    expect(registry.findSlash('cmd11')).toBeUndefined();
    expect(registry.find('cmd11')?.name).toBe('cmd11');
  });

  it('reports warning between the warning and safe limits', () => {
    const list = Array.from({ length: 9 }, (_, i) => make(`cmd${i}`));
    const registry = createRegistry({ commands: list, components: [], safeLimit: 10, warningLimit: 8 });
    expect(registry.slashUsage.status).toBe('warning');
  });

  it('distinguishes prefix-only and slash-only commands by design', () => {
    const registry = createRegistry({
      commands: [make('p', { slash: false }), make('s', { prefix: false })],
      components: [],
      safeLimit: 95,
      warningLimit: 90,
    });
    expect(registry.mode(registry.find('p')!)).toBe('prefix');
    expect(registry.mode(registry.find('s')!)).toBe('slash');
    expect(registry.slashUsage.used).toBe(1);
  });

  it('refuses duplicate names and aliases, naming both commands', () => {
    expect(() =>
      createRegistry({
        commands: [make('one', { aliases: ['x'] }), make('two', { aliases: ['X'] })],
        components: [],
        safeLimit: 95,
        warningLimit: 90,
      }),
    ).toThrow('command name "X" is used by both /one and /two');
  });

  it('refuses invalid names and descriptions', () => {
    expect(() =>
      createRegistry({ commands: [make('Bad Name')], components: [], safeLimit: 95, warningLimit: 90 }),
    ).toThrow(/lowercase/);
  });
});
