import type { ExtensionDefinition } from '../extensions/extension';
import { assertExtensionSet } from '../extensions/set-resolution';
import { extensionRefusal } from './checks';
import type { AnyCommand, AnyComponent } from './command';
import { DISCORD_SLASH_LIMIT } from './discord-limits';

export type SlashMode = 'both' | 'slash' | 'prefix' | 'prefix-limit';
export type SlashStatus = 'safe' | 'warning' | 'critical';

export { DISCORD_SLASH_LIMIT };

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
  /** The extension set the commands come from (empty for a registry built from bare commands). */
  extensions: readonly ExtensionDefinition[];
  /** The extension a command belongs to. */
  extensionOf(command: AnyCommand): ExtensionDefinition | undefined;
  /** An extension by its manifest name. */
  extension(name: string): ExtensionDefinition | undefined;
}

export interface RegistryInput {
  /** Every command, in the order /help lists them. Default: the extensions' commands in their order. */
  commands?: readonly AnyCommand[];
  /** Default: the extensions' components. */
  components?: readonly AnyComponent[];
  /** The extension set. When given, every command must belong to one of its extensions. */
  extensions?: readonly ExtensionDefinition[];
  safeLimit: number;
  warningLimit: number;
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
export function createRegistry(options: RegistryInput): Registry {
  const extensions = options.extensions ?? [];
  const owners = extensionOwners(extensions);
  const input = {
    commands: options.commands ?? extensions.flatMap((e) => e.commands),
    components: options.components ?? extensions.flatMap((e) => e.components),
    safeLimit: options.safeLimit,
    warningLimit: options.warningLimit,
  };
  if (options.extensions) {
    assertExtensionSet(extensions);
    for (const command of input.commands) {
      if (!owners.commands.has(command)) throw new Error(`command /${command.name} belongs to no extension`);
    }
    const listed = new Set(input.commands);
    for (const [command, ext] of owners.commands) {
      if (!listed.has(command))
        throw new Error(
          `command /${command.name} of extension "${ext.manifest.name}" is missing from the list`,
        );
    }
  }
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
    const owner = owners.components.get(component);
    components.set(component.key, owner && !owner.manifest.required ? guarded(component, owner) : component);
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
    extensions,
    extensionOf: (command) => owners.commands.get(command),
    extension: (name) => owners.byName.get(name),
  };
}

function extensionOwners(extensions: readonly ExtensionDefinition[]) {
  const commands = new Map<AnyCommand, ExtensionDefinition>();
  const components = new Map<AnyComponent, ExtensionDefinition>();
  const byName = new Map<string, ExtensionDefinition>();
  for (const ext of extensions) {
    if (!byName.has(ext.manifest.name)) byName.set(ext.manifest.name, ext);
    for (const command of ext.commands) commands.set(command, ext);
    for (const component of ext.components) components.set(component, ext);
  }
  return { commands, components, byName };
}

/** A component of an extension that can be disabled: refused where its extension does not run. */
function guarded(component: AnyComponent, extension: ExtensionDefinition): AnyComponent {
  return {
    ...component,
    async run(ctx, params) {
      const refusal = await extensionRefusal(ctx, extension, 'This button or menu');
      return refusal ? { kind: 'message', message: refusal } : component.run(ctx, params);
    },
  };
}
