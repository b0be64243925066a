/**
 * The checks on what extensions contain, as opposed to how they relate: each manifest against its code,
 * names that two extensions both claim, and the slash-command budget. Pure.
 */
import type { ExtensionDefinition } from './extension';
import type { ResolutionIssue } from './resolve-types';

type Issue = Omit<ResolutionIssue, 'severity'>;

const quoted = (names: Iterable<string>) => [...names].map((n) => `"${n}"`).join(', ');

function compare(extension: string, what: string, declared: readonly string[], defined: readonly string[]) {
  const declaredSet = new Set(declared);
  const definedSet = new Set(defined);
  const onlyDeclared = [...declaredSet].filter((n) => !definedSet.has(n));
  const onlyDefined = [...definedSet].filter((n) => !declaredSet.has(n));
  if (!onlyDeclared.length && !onlyDefined.length) return [];
  const parts = [
    onlyDeclared.length ? `its manifest lists ${what} ${quoted(onlyDeclared)} that it does not define` : '',
    onlyDefined.length ? `it defines ${what} ${quoted(onlyDefined)} that its manifest does not list` : '',
  ].filter(Boolean);
  return [
    {
      kind: 'manifest-mismatch' as const,
      extensions: [extension],
      switch: null,
      message: `"${extension}": ${parts.join('; ')}`,
    },
  ];
}

/** manifest.commands, components, listensTo, taskTypes and settings must equal what the code defines. */
export function manifestMismatches(extension: ExtensionDefinition): Issue[] {
  const { manifest } = extension;
  return [
    ...compare(
      manifest.name,
      'commands',
      manifest.commands,
      extension.commands.map((c) => c.name),
    ),
    ...compare(
      manifest.name,
      'components',
      manifest.components,
      extension.components.map((c) => c.key),
    ),
    ...compare(
      manifest.name,
      'hook events',
      manifest.listensTo,
      extension.hooks.map((h) => h.event),
    ),
    ...compare(
      manifest.name,
      'task types',
      manifest.taskTypes,
      extension.taskTypes.map((t) => t.name),
    ),
    ...settingsMismatch(extension),
  ];
}

/**
 * manifest.settings must name the top-level keys of an object settings schema (possibly refined). Other
 * schemas (a union, a transform) have no fixed keys to compare, so they are not checked.
 */
function settingsMismatch(extension: ExtensionDefinition): Issue[] {
  const shape = (extension.settings as unknown as { shape?: unknown }).shape;
  if (!shape || typeof shape !== 'object') return [];
  return compare(
    extension.manifest.name,
    'settings',
    Object.keys(extension.manifest.settings),
    Object.keys(shape),
  );
}

/**
 * Names that must be unique in the whole set: command names and aliases (case-insensitive, as the prefix
 * parser matches them), component keys, scheduled-task types, and hook ids within an extension.
 */
export function duplicateNames(extensions: readonly ExtensionDefinition[]): Issue[] {
  const issues: Issue[] = [];
  const claim = (
    owners: Map<string, { extension: string; label: string }>,
    key: string,
    extension: string,
    label: string,
    report: (first: { extension: string; label: string }) => Issue,
  ) => {
    const first = owners.get(key);
    if (first) issues.push(report(first));
    else owners.set(key, { extension, label });
  };

  const commandNames = new Map<string, { extension: string; label: string }>();
  const componentKeys = new Map<string, { extension: string; label: string }>();
  const taskTypes = new Map<string, { extension: string; label: string }>();
  for (const ext of extensions) {
    const name = ext.manifest.name;
    // A group's name is taken too: by a plain command or alias, or by a group of another extension.
    for (const group of new Set(ext.commands.flatMap((c) => (c.group ? [c.group.name] : []))))
      claim(commandNames, group.toLowerCase(), name, `the group /${group}`, (first) => ({
        kind: 'duplicate-command',
        extensions: unique([first.extension, name]),
        switch: null,
        message: `command name "${group}" is used by "${first.extension}" (${first.label}) and "${name}" (the group /${group})`,
      }));
    for (const command of ext.commands) {
      for (const alias of [command.name, ...(command.aliases ?? [])]) {
        const label = alias === command.name ? `/${command.name}` : `alias "${alias}" of /${command.name}`;
        claim(commandNames, alias.toLowerCase(), name, label, (first) => ({
          kind: 'duplicate-command',
          extensions: unique([first.extension, name]),
          switch: null,
          message: `command name "${alias}" is used by "${first.extension}" (${first.label}) and "${name}" (${label})`,
        }));
      }
    }
    for (const component of ext.components) {
      claim(componentKeys, component.key, name, component.pattern, (first) => ({
        kind: 'duplicate-component',
        extensions: unique([first.extension, name]),
        switch: null,
        message: `component key "${component.key}" is used by "${first.extension}" and "${name}"`,
      }));
    }
    for (const task of ext.taskTypes) {
      claim(taskTypes, task.name, name, task.name, (first) => ({
        kind: 'duplicate-task-type',
        extensions: unique([first.extension, name]),
        switch: null,
        message: `scheduled-task type "${task.name}" is added by "${first.extension}" and "${name}"`,
      }));
    }
    const hookIds = new Set<string>();
    for (const hook of ext.hooks) {
      const id = `${hook.event}:${name}.${hook.name}`;
      if (hookIds.has(id)) {
        issues.push({
          kind: 'duplicate-hook',
          extensions: [name],
          switch: null,
          message: `"${name}" registers hook "${id}" twice (hook names must be unique per event)`,
        });
      }
      hookIds.add(id);
    }
  }
  return issues;
}

/** The set may not need more slash commands than Discord allows (prefix-only commands do not count, a group counts once). */
export function slashBudget(
  extensions: readonly ExtensionDefinition[],
  limit: number,
): { used: number; issues: Issue[] } {
  // A group's subcommands share one slot (`/schedule create|list|…` is one command to Discord).
  const slotsOf = (ext: ExtensionDefinition) =>
    new Set(ext.commands.filter((c) => c.slash !== false).map((c) => c.group?.name ?? c.name));
  const counts = extensions
    .map((ext) => ({ name: ext.manifest.name, count: slotsOf(ext).size }))
    .filter((c) => c.count > 0);
  const used = new Set(extensions.flatMap((ext) => [...slotsOf(ext)])).size;
  if (used <= limit) return { used, issues: [] };
  const largest = [...counts]
    .sort((a, b) => b.count - a.count)
    .slice(0, 5)
    .map((c) => `"${c.name}" ${c.count}`)
    .join(', ');
  return {
    used,
    issues: [
      {
        kind: 'slash-budget',
        extensions: counts.map((c) => c.name),
        switch: null,
        message: `the set has ${used} slash commands and Discord allows ${limit}; mark ${used - limit} of them \`slash: false\` (largest: ${largest})`,
      },
    ],
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
