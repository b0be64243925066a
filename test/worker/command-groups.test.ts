import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { defineCommandGroup } from '../../worker/framework/command-group';
import { invokedCommand } from '../../worker/framework/dispatch-interaction';
import { option } from '../../worker/framework/options';
import { resolvePrefixCommand } from '../../worker/framework/prefix/resolve-command';
import { entryPayload } from '../../worker/framework/registration';
import { createRegistry } from '../../worker/framework/registry';
import { testCommand } from '../fixtures/test-command';

const make = testCommand;

const notes = defineCommandGroup({
  name: 'notes',
  description: 'Keep notes',
  commands: [
    make('add', {
      options: { text: option.string('The note', { required: true }) },
      permissions: ['ManageMessages', 'SendMessages'],
      guildOnly: true,
    }),
    make('list', { permissions: ['ManageMessages'], priority: 5 }),
  ],
});

const registryOf = (commands: ReturnType<typeof make>[], safeLimit = 95) =>
  createRegistry({ commands, components: [], safeLimit, warningLimit: Math.min(90, safeLimit) });

describe('command groups', () => {
  it('registers a group as one slash command whose subcommands are full commands', () => {
    const registry = registryOf([make('about'), ...notes]);
    expect(registry.slashUsage.used).toBe(2);
    expect(registry.commands.map((c) => c.name)).toEqual(['about', 'notes add', 'notes list']);
    expect(registry.findSlash('notes add')?.description).toBe('add command');
    expect(registry.find('NOTES LIST')?.name).toBe('notes list');
    expect(registry.group('notes')).toHaveLength(2);
    expect(registry.group('about')).toBeUndefined();
    expect(registry.findSlash('notes')).toBeUndefined();

    const entry = registry.slashEntries.find((e) => e.name === 'notes');
    const payload = entryPayload(entry!);
    expect(payload).toMatchObject({
      name: 'notes',
      description: 'Keep notes',
      // Only the permission both subcommands need; each still checks its own when it runs.
      default_member_permissions: String(PermissionFlagsBits.ManageMessages),
      // One subcommand works in DMs, so the group is offered there.
      contexts: [0, 1],
    });
    expect((payload as { options?: unknown }).options).toEqual([
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'add command',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'text',
            description: 'The note',
            required: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: 'list command',
        options: [],
      },
    ]);
  });

  it('reads the subcommand and its options from an interaction', () => {
    const text = { type: ApplicationCommandOptionType.String, name: 'text', value: 'milk' } as const;
    expect(
      invokedCommand(
        [{ type: ApplicationCommandOptionType.Subcommand, name: 'add', options: [text] }],
        'notes',
      ),
    ).toEqual({ name: 'notes add', options: [text] });
    expect(invokedCommand([text], 'about')).toEqual({ name: 'about', options: [text] });
    expect(invokedCommand(undefined, 'about')).toEqual({ name: 'about', options: [] });
  });

  it('resolves prefix invocations to the subcommand, or to the group to list its subcommands', () => {
    const registry = registryOf([make('about'), ...notes]);
    const target = (name: string, rest: string) =>
      resolvePrefixCommand(registry, { name, rest, via: 'prefix' });
    expect(target('notes', 'add buy milk')).toMatchObject({
      kind: 'command',
      command: { name: 'notes add' },
      rest: 'buy milk',
    });
    expect(target('Notes', 'LIST')).toMatchObject({
      kind: 'command',
      command: { name: 'notes list' },
      rest: '',
    });
    expect(target('notes', '')).toMatchObject({ kind: 'group', name: 'notes', typed: null });
    expect(target('notes', 'about')).toMatchObject({ kind: 'group', typed: 'about' });
    expect(target('about', 'x')).toMatchObject({ kind: 'command', command: { name: 'about' }, rest: 'x' });
    expect(target('nope', '')).toEqual({ kind: 'unknown' });
  });

  it('keeps or blocks a whole group at the slash limit, by its most important subcommand', () => {
    const plain = Array.from({ length: 3 }, (_, i) => make(`cmd${i}`));
    const kept = registryOf([...plain, ...notes], 2);
    // notes list has priority 5: the group outranks the plain commands (100).
    expect(kept.slashEntries.map((e) => e.name)).toEqual(['notes', 'cmd0']);
    expect(kept.mode(kept.find('notes add')!)).toBe('both');
    const late = defineCommandGroup({ name: 'late', description: 'Late', commands: [make('a'), make('b')] });
    const blocked = registryOf([...plain, ...late], 3);
    expect(blocked.slashUsage.blocked.map((c) => c.name)).toEqual(['late a', 'late b']);
    expect(blocked.mode(blocked.find('late b')!)).toBe('prefix-limit');
  });

  it('refuses groups Discord would refuse, and names that collide', () => {
    expect(() => registryOf([make('notes'), ...notes])).toThrow(/also the name of the group \/notes/);
    const many = defineCommandGroup({
      name: 'many',
      description: 'Many',
      commands: Array.from({ length: 26 }, (_, i) => make(`s${i}`)),
    });
    expect(() => registryOf(many)).toThrow(/at most 25 subcommands/);
    expect(() => defineCommandGroup({ name: 'twice', description: 'x', commands: notes })).toThrow(
      /already part of a group/,
    );
    const wordy = defineCommandGroup({
      name: 'wordy',
      description: 'Wordy',
      commands: Array.from({ length: 25 }, (_, i) =>
        make(`s${i}`, {
          description: 'd'.repeat(100),
          options: {
            a: option.string('e'.repeat(100)),
            b: option.string('f'.repeat(100)),
            c: option.string('g'.repeat(100)),
          },
        }),
      ),
    });
    expect(() => registryOf(wordy)).toThrow(
      /characters of names, descriptions and choices; Discord allows 8000/,
    );
    const badWord = defineCommandGroup({ name: 'Bad', description: 'x', commands: [make('ok')] });
    expect(() => registryOf(badWord)).toThrow(/name "Bad" must be 1-32 lowercase/);
  });
});
