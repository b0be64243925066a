import type { REST } from '@discordjs/rest';
import {
  type APIApplicationCommand,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord-api-types/v10';
import { bitsOf } from '../discord/permissions';
import type { AnyCommand } from './command';
import { subcommandName } from './command-group';
import { orderedOptions } from './option-values';
import { optionToJSON } from './options';
import type { Registry, SlashEntry } from './registry';

export type CommandPayload = RESTPutAPIApplicationCommandsJSONBody[number];

/** Discord's limit on the characters of a command's names, descriptions and choices taken together. */
export const COMMAND_CHARACTER_LIMIT = 8000;

const optionsOf = (command: AnyCommand) =>
  orderedOptions(command).map(([name, spec]) => optionToJSON(name, spec));

/**
 * The JSON Discord stores for one slash entry. A group's subcommands are options of type 1; Discord shows
 * the group only to members with the permissions every subcommand needs (each subcommand still checks its
 * own), and in DMs when any subcommand works there (the others refuse in DMs themselves).
 */
export function entryPayload(entry: SlashEntry): CommandPayload {
  const commands = entry.commands;
  const payload: CommandPayload = {
    type: ApplicationCommandType.ChatInput,
    name: entry.name,
    description: entry.description,
    options: entry.isGroup
      ? commands.map(
          (command): APIApplicationCommandSubcommandOption => ({
            type: ApplicationCommandOptionType.Subcommand,
            name: subcommandName(command),
            description: command.description,
            options: optionsOf(command),
          }),
        )
      : optionsOf(commands[0] as AnyCommand),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: commands.every((c) => c.guildOnly)
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
  const shared = (commands[0]?.permissions ?? []).filter((p) =>
    commands.every((c) => c.permissions?.includes(p)),
  );
  if (shared.length) payload.default_member_permissions = bitsOf(shared).toString();
  return payload;
}

/** The characters Discord counts against its 8000: names, descriptions, choice names and values. */
export function payloadCharacters(payload: CommandPayload): number {
  const count = (node: Record<string, unknown>): number => {
    let total = String(node.name ?? '').length + String(node.description ?? '').length;
    for (const choice of (node.choices as { name: string; value: unknown }[] | undefined) ?? [])
      total += choice.name.length + String(choice.value).length;
    for (const option of (node.options as Record<string, unknown>[] | undefined) ?? [])
      total += count(option);
    return total;
  };
  return count(payload as unknown as Record<string, unknown>);
}

/** A canonical form for comparison: Discord adds defaults and ids we never send. */
function canonical(cmd: Partial<APIApplicationCommand> | CommandPayload): string {
  const c = cmd as Record<string, unknown>;
  const normaliseOptions = (options: unknown): unknown =>
    Array.isArray(options)
      ? options.map((o: Record<string, unknown>) => ({
          type: o.type,
          name: o.name,
          description: o.description,
          required: o.required ?? false,
          choices: o.choices ?? [],
          autocomplete: o.autocomplete ?? false,
          min_value: o.min_value ?? null,
          max_value: o.max_value ?? null,
          min_length: o.min_length ?? null,
          max_length: o.max_length ?? null,
          channel_types: o.channel_types ?? [],
          options: normaliseOptions(o.options ?? []),
        }))
      : [];
  return JSON.stringify({
    type: c.type ?? 1,
    name: c.name,
    description: c.description,
    options: normaliseOptions(c.options ?? []),
    default_member_permissions: c.default_member_permissions ?? null,
    contexts: [...((c.contexts as number[] | null | undefined) ?? [])].sort(),
    integration_types: [...((c.integration_types as number[] | undefined) ?? [0])].sort(),
    nsfw: c.nsfw ?? false,
  });
}

export interface CommandDiff {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: string[];
}

export function diffCommands(
  desired: readonly CommandPayload[],
  existing: readonly APIApplicationCommand[],
): CommandDiff {
  const current = new Map(existing.map((c) => [c.name, c]));
  const diff: CommandDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const cmd of desired) {
    const have = current.get(cmd.name);
    if (!have) diff.added.push(cmd.name);
    else if (canonical(have) !== canonical(cmd)) diff.changed.push(cmd.name);
    else diff.unchanged.push(cmd.name);
    current.delete(cmd.name);
  }
  diff.removed = [...current.keys()];
  return diff;
}

export interface SyncResult extends CommandDiff {
  written: boolean;
}

/**
 * Registers the registry's slash commands globally: reads what Discord has, compares, and writes (one
 * bulk overwrite) only when something differs.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  registry: Registry,
): Promise<SyncResult> {
  const desired = registry.slashEntries.map(entryPayload);
  const existing = (await rest.get(Routes.applicationCommands(applicationId))) as APIApplicationCommand[];
  const diff = diffCommands(desired, existing);
  const needed = diff.added.length + diff.changed.length + diff.removed.length > 0;
  if (needed) await rest.put(Routes.applicationCommands(applicationId), { body: desired });
  return { ...diff, written: needed };
}
