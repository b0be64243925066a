import type { AnyCommand, AnyComponent } from './command';

export type SlashMode = 'both' | 'slash' | 'prefix' | 'prefix-limit';
export type SlashStatus = 'safe' | 'warning' | 'critical';

export const DISCORD_SLASH_LIMIT = 100;

export interface SlashUsage {
  used: number;
  safeLimit: number;
  warningLimit: number;
  max: number;
  status: SlashStatus;
  blocked: AnyCommand[];
}

export interface Registry {
  commands: readonly AnyCommand[];
  /** By name or alias, case-insensitive (prefix invocations). */
  find(name: string): AnyCommand | undefined;
  /** A slash command by its registered name. */
  findSlash(name: string): AnyCommand | undefined;
  component(key: string): AnyComponent | undefined;
  slashCommands: readonly AnyCommand[];
  mode(command: AnyCommand): SlashMode;
  categories(): string[];
  slashUsage: SlashUsage;
}

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

function problemsOf(command: AnyCommand): string[] {
  const problems: string[] = [];
  if (!NAME.test(command.name)) problems.push(`name "${command.name}" must be 1-32 lowercase characters`);
  if (command.description.length < 1 || command.description.length > 100)
    problems.push('description must be 1-100 characters');
  const options = Object.entries(command.options ?? {});
  if (options.length > 25) problems.push('at most 25 options');
  for (const [name, spec] of options) {
    if (!NAME.test(name)) problems.push(`option "${name}" must be 1-32 lowercase characters`);
    if (spec.description.length < 1 || spec.description.length > 100)
      problems.push(`option "${name}" description must be 1-100 characters`);
    if ((spec.choices?.length ?? 0) > 25) problems.push(`option "${name}" has more than 25 choices`);
  }
  if (command.slash === false && command.prefix === false) problems.push('is neither slash nor prefix');
  return problems;
}

/**
 * The command registry. Validates every definition, indexes names and aliases, and applies the global
 * slash-command limit: past `safeLimit`, further commands stay prefix-only.
 */
export function createRegistry(input: {
  commands: readonly AnyCommand[];
  components: readonly AnyComponent[];
  safeLimit: number;
  warningLimit: number;
}): Registry {
  const byName = new Map<string, AnyCommand>();
  for (const command of input.commands) {
    const problems = problemsOf(command);
    if (problems.length) throw new Error(`command /${command.name}: ${problems.join('; ')}`);
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      const key = name.toLowerCase();
      const taken = byName.get(key);
      if (taken)
        throw new Error(`command name "${name}" is used by both /${taken.name} and /${command.name}`);
      byName.set(key, command);
    }
  }
  const components = new Map<string, AnyComponent>();
  for (const component of input.components) {
    if (components.has(component.key)) throw new Error(`component key "${component.key}" is defined twice`);
    components.set(component.key, component);
  }

  const safeLimit = Math.min(input.safeLimit, DISCORD_SLASH_LIMIT);
  const candidates = input.commands
    .map((command, index) => ({ command, index }))
    .filter(({ command }) => command.slash !== false)
    .sort((a, b) => (a.command.priority ?? 100) - (b.command.priority ?? 100) || a.index - b.index);
  const slash = candidates.slice(0, safeLimit).map((c) => c.command);
  const blocked = candidates.slice(safeLimit).map((c) => c.command);
  const slashSet = new Set(slash);
  const slashByName = new Map(slash.map((c) => [c.name, c]));
  const used = slash.length;
  const status: SlashStatus =
    used >= safeLimit && blocked.length > 0 ? 'critical' : used >= input.warningLimit ? 'warning' : 'safe';

  return {
    commands: input.commands,
    find: (name) => byName.get(name.toLowerCase()),
    findSlash: (name) => slashByName.get(name),
    component: (key) => components.get(key),
    slashCommands: slash,
    mode(command) {
      if (command.slash === false) return 'prefix';
      if (!slashSet.has(command)) return 'prefix-limit';
      return command.prefix === false ? 'slash' : 'both';
    },
    categories() {
      return [...new Set(input.commands.map((c) => c.category))];
    },
    slashUsage: {
      used,
      safeLimit,
      warningLimit: input.warningLimit,
      max: DISCORD_SLASH_LIMIT,
      status,
      blocked,
    },
  };
}
