import type { ExtensionDefinition } from '../extensions/extension';
import { assertExtensionSet } from '../extensions/set-resolution';
import { extensionRefusal } from './checks';
import type { AnyCommand, AnyComponent } from './command';
import { DISCORD_SLASH_LIMIT } from './discord-limits';
import { COMMAND_CHARACTER_LIMIT, entryPayload, payloadCharacters } from './registration';

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

/** One registered slash command: a plain command, or a group whose subcommands share its slot. */
export interface SlashEntry {
  name: string;
  description: string;
  /** The plain command, or the group's subcommands in order. */
  commands: readonly AnyCommand[];
  isGroup: boolean;
}

export interface Registry {
  /** Every invocable command (a group's subcommands each count), in /help order. */
  commands: readonly AnyCommand[];
  /** By full name (`schedule create`) or alias, case-insensitive (prefix invocations). */
  find(name: string): AnyCommand | undefined;
  /** The subcommands of a group (`schedule`), case-insensitive; undefined when no group has that name. */
  group(name: string): readonly AnyCommand[] | undefined;
  /** A slash command by its full name: `about`, or `schedule create` for a subcommand. */
  findSlash(name: string): AnyCommand | undefined;
  component(key: string): AnyComponent | undefined;
  /** The commands registered as slash commands (subcommands each listed). */
  slashCommands: readonly AnyCommand[];
  /** What is registered with Discord: one entry per slot of the 100. */
  slashEntries: readonly SlashEntry[];
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
  const words = command.group ? [command.group.name, command.name.slice(command.group.name.length + 1)] : [];
  if (command.group && !command.name.startsWith(`${command.group.name} `))
    problems.push(`subcommand name "${command.name}" must start with its group "${command.group.name}"`);
  for (const word of command.group ? words : [command.name])
    if (!NAME.test(word)) problems.push(`name "${word}" must be 1-32 lowercase characters`);
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
  const groups = groupsOf(input.commands);
  for (const command of input.commands) {
    const problems = problemsOf(command);
    if (problems.length) throw new Error(`command /${command.name}: ${problems.join('; ')}`);
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      const key = name.toLowerCase();
      const taken = byName.get(key);
      if (taken)
        throw new Error(`command name "${name}" is used by both /${taken.name} and /${command.name}`);
      if (groups.has(key)) throw new Error(`command name "${name}" is also the name of the group /${key}`);
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
  const candidates = slashEntriesOf(input.commands)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => priorityOf(a.entry) - priorityOf(b.entry) || a.index - b.index);
  for (const { entry } of candidates) {
    const characters = payloadCharacters(entryPayload(entry));
    if (characters > COMMAND_CHARACTER_LIMIT)
      throw new Error(
        `/${entry.name} has ${characters} characters of names, descriptions and choices; Discord allows ${COMMAND_CHARACTER_LIMIT}`,
      );
  }
  const entries = candidates.slice(0, safeLimit).map((c) => c.entry);
  const slash = entries.flatMap((e) => e.commands);
  const blocked = candidates.slice(safeLimit).flatMap((c) => c.entry.commands);
  const slashSet = new Set(slash);
  const slashByName = new Map(slash.map((c) => [c.name, c]));
  const used = entries.length;
  const status: SlashStatus =
    used >= safeLimit && blocked.length > 0 ? 'critical' : used >= input.warningLimit ? 'warning' : 'safe';

  return {
    commands: input.commands,
    find: (name) => byName.get(name.toLowerCase()),
    group: (name) => groups.get(name.toLowerCase()),
    findSlash: (name) => slashByName.get(name),
    component: (key) => components.get(key),
    slashCommands: slash,
    slashEntries: entries,
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

/** Each group's subcommands, by group name; a group's subcommands must share its description. */
function groupsOf(commands: readonly AnyCommand[]): Map<string, AnyCommand[]> {
  const groups = new Map<string, AnyCommand[]>();
  for (const command of commands) {
    if (!command.group) continue;
    const members = groups.get(command.group.name) ?? [];
    const first = members[0]?.group;
    if (first && first.description !== command.group.description)
      throw new Error(`group /${command.group.name} is defined twice with different descriptions`);
    members.push(command);
    groups.set(command.group.name, members);
  }
  for (const [name, members] of groups) {
    const { description } = members[0]?.group ?? { description: '' };
    if (description.length < 1 || description.length > 100)
      throw new Error(`group /${name}: description must be 1-100 characters`);
    if (members.length > 25) throw new Error(`group /${name}: at most 25 subcommands`);
  }
  return groups;
}

/** The slash candidates in list order: a plain command, or a group at the place of its first subcommand. */
function slashEntriesOf(commands: readonly AnyCommand[]): SlashEntry[] {
  const entries: SlashEntry[] = [];
  const byGroup = new Map<string, AnyCommand[]>();
  for (const command of commands) {
    if (command.slash === false) continue;
    if (!command.group) {
      entries.push({
        name: command.name,
        description: command.description,
        commands: [command],
        isGroup: false,
      });
      continue;
    }
    const members = byGroup.get(command.group.name);
    if (members) {
      members.push(command);
      continue;
    }
    const fresh = [command];
    byGroup.set(command.group.name, fresh);
    entries.push({
      name: command.group.name,
      description: command.group.description,
      commands: fresh,
      isGroup: true,
    });
  }
  return entries;
}

/** A group keeps its slot as early as its most important subcommand. */
const priorityOf = (entry: SlashEntry) => Math.min(...entry.commands.map((c) => c.priority ?? 100));

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
