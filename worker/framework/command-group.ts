import type { AnyCommand } from './command';

export interface CommandGroupSpec {
  /** The slash command's name: `/schedule`. */
  name: string;
  /** What the slash command does, shown by Discord above its subcommands. */
  description: string;
  /** The subcommands, each a full command (its own options, checks and cooldown) named by its last word. */
  commands: readonly AnyCommand[];
}

/**
 * One slash command with subcommands (`/schedule create`, `/schedule list`) that uses one of Discord's 100
 * slots. Every subcommand stays a complete command: the registry sees `schedule create`, help and stats show
 * it, cooldowns and role rules apply to it alone, and prefix invocations read `!schedule create …`.
 */
export function defineCommandGroup(spec: CommandGroupSpec): AnyCommand[] {
  const group = { name: spec.name, description: spec.description };
  return spec.commands.map((command) => {
    if (command.group || command.name.includes(' '))
      throw new Error(`/${spec.name}: subcommand "${command.name}" is already part of a group`);
    return { ...command, name: `${spec.name} ${command.name}`, group };
  });
}

/** The subcommand's own word (`create` of `schedule create`); a plain command's name. */
export function subcommandName(command: AnyCommand): string {
  return command.group ? command.name.slice(command.group.name.length + 1) : command.name;
}
