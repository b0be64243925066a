import type { REST } from '@discordjs/rest';
import {
  type APIApplicationCommand,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord-api-types/v10';
import { bitsOf } from '../discord/permissions';
import type { AnyCommand } from './command';
import { orderedOptions } from './option-values';
import { optionToJSON } from './options';
import type { Registry } from './registry';

export type CommandPayload = RESTPutAPIApplicationCommandsJSONBody[number];

/** The JSON Discord stores for a slash command. */
export function commandPayload(command: AnyCommand): CommandPayload {
  const payload: CommandPayload = {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: orderedOptions(command).map(([name, spec]) => optionToJSON(name, spec)),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: command.guildOnly
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
  if (command.permissions?.length)
    payload.default_member_permissions = bitsOf(command.permissions).toString();
  return payload;
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
  const desired = registry.slashCommands.map(commandPayload);
  const existing = (await rest.get(Routes.applicationCommands(applicationId))) as APIApplicationCommand[];
  const diff = diffCommands(desired, existing);
  const needed = diff.added.length + diff.changed.length + diff.removed.length > 0;
  if (needed) await rest.put(Routes.applicationCommands(applicationId), { body: desired });
  return { ...diff, written: needed };
}
