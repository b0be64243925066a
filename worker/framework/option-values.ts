import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIInteractionDataResolved,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { AnyCommand } from './command';
import { type OptionSpec, optionSchema } from './options';

/** Converts a slash command's options and resolved data into the handler's values (before validation). */
export function valuesFromInteraction(
  command: AnyCommand,
  options: readonly APIApplicationCommandInteractionDataBasicOption[] = [],
  resolved: APIInteractionDataResolved | undefined = undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const given of options) {
    const spec: OptionSpec | undefined = command.options?.[given.name];
    if (!spec) continue;
    const value = given.value;
    switch (spec.kind) {
      case 'user': {
        const id = String(value);
        out[given.name] = { id, user: resolved?.users?.[id], roles: resolved?.members?.[id]?.roles };
        break;
      }
      case 'role': {
        const id = String(value);
        out[given.name] = { id, role: resolved?.roles?.[id] };
        break;
      }
      case 'channel': {
        const id = String(value);
        out[given.name] = { id, channel: resolved?.channels?.[id] };
        break;
      }
      case 'mentionable': {
        const id = String(value);
        out[given.name] = { id, kind: resolved?.roles?.[id] ? 'role' : 'user' };
        break;
      }
      case 'attachment':
        out[given.name] = resolved?.attachments?.[String(value)];
        break;
      default:
        out[given.name] = value;
    }
  }
  return out;
}

const schemaCache = new WeakMap<AnyCommand, z.ZodType>();

function schemaFor(command: AnyCommand): z.ZodType {
  let schema = schemaCache.get(command);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const [name, spec] of Object.entries(command.options ?? {})) shape[name] = optionSchema(name, spec);
    schema = z.object(shape);
    if (command.validate) schema = schema.pipe(command.validate as z.ZodType);
    schemaCache.set(command, schema);
  }
  return schema;
}

export type Validated = { ok: true; values: Record<string, unknown> } | { ok: false; problems: string[] };

/** Validates converted values with the command's zod schema (built from its options). */
export function validateOptions(command: AnyCommand, raw: Record<string, unknown>): Validated {
  const result = schemaFor(command).safeParse(raw);
  if (result.success) return { ok: true, values: result.data as Record<string, unknown> };
  return {
    ok: false,
    problems: result.error.issues.map((issue) =>
      issue.code === 'invalid_type' && issue.input === undefined
        ? `\`${String(issue.path[0])}\` is required`
        : issue.message,
    ),
  };
}

/** Required options first, as Discord requires; prefix arguments follow the same order. */
export function orderedOptions(command: AnyCommand): [string, OptionSpec][] {
  const entries = Object.entries(command.options ?? {});
  return [...entries.filter(([, s]) => s.required), ...entries.filter(([, s]) => !s.required)];
}

/** `!name <required> [optional]` */
export function usage(command: AnyCommand, prefix: string): string {
  const args = orderedOptions(command).map(([name, spec]) => (spec.required ? `<${name}>` : `[${name}]`));
  return [`${prefix}${command.name}`, ...args].join(' ');
}
