/**
 * Converts raw `name:value` arguments into typed interaction options against a registered command
 * definition: subcommands and groups, choices, integer/number/boolean parsing, and user, channel,
 * role and mentionable names resolved to ids. Without a definition, values go out as strings.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type InteractionType,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import type { RawArg } from './command-line';
import type { CommandEntry } from './directory';
import { fail, ok, type Result } from './result';

type DataOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;
type BasicDataOption = APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommand>;

/** Looks names and mentions up; each returns undefined when nothing matches. */
export interface OptionResolver {
  user(query: string): string | undefined;
  role(query: string): string | undefined;
  channel(query: string): { id: string; type: number } | undefined;
}

export interface BuiltOptions {
  options: DataOption[];
  /** Things the person should know, e.g. that the command is not registered. */
  warnings: string[];
}

const TYPE_NAMES: Partial<Record<T, string>> = {
  [T.String]: 'text',
  [T.Integer]: 'a whole number',
  [T.Number]: 'a number',
  [T.Boolean]: 'true or false',
  [T.User]: 'a user',
  [T.Channel]: 'a channel',
  [T.Role]: 'a role',
  [T.Mentionable]: 'a user or role',
  [T.Attachment]: 'an attachment',
};

const field = <V>(option: APIApplicationCommandOption, key: string): V | undefined =>
  (option as unknown as Record<string, V | undefined>)[key];

function checkChoice(
  option: APIApplicationCommandBasicOption,
  raw: string,
): Result<string | number | undefined> {
  const choices = field<APIApplicationCommandOptionChoice[]>(option, 'choices');
  if (!choices || choices.length === 0) return ok(undefined);
  const wanted = raw.toLowerCase();
  const choice = choices.find(
    (c) => String(c.value).toLowerCase() === wanted || c.name.toLowerCase() === wanted,
  );
  if (!choice) return fail(`${option.name} must be one of: ${choices.map((c) => c.name).join(', ')}`);
  return ok(choice.value);
}

function checkRange(option: APIApplicationCommandBasicOption, value: number): string | undefined {
  const min = field<number>(option, 'min_value');
  const max = field<number>(option, 'max_value');
  if (min !== undefined && value < min) return `${option.name} must be at least ${min}`;
  if (max !== undefined && value > max) return `${option.name} must be at most ${max}`;
  return undefined;
}

/** One raw value as a typed option value. */
export function convertValue(
  option: APIApplicationCommandBasicOption,
  raw: string,
  resolver: OptionResolver,
): Result<BasicDataOption> {
  const { name } = option;
  const make = (type: T, value: string | number | boolean) => ok({ name, type, value } as BasicDataOption);
  const bad = () =>
    fail<BasicDataOption>(`${name} must be ${TYPE_NAMES[option.type] ?? 'something else'}, not "${raw}"`);
  switch (option.type) {
    case T.String: {
      const choice = checkChoice(option, raw);
      if (!choice.ok) return choice;
      const value = choice.value === undefined ? raw : String(choice.value);
      const minLength = field<number>(option, 'min_length');
      const maxLength = field<number>(option, 'max_length');
      if (minLength !== undefined && value.length < minLength)
        return fail(`${name} needs at least ${minLength} characters`);
      if (maxLength !== undefined && value.length > maxLength)
        return fail(`${name} takes at most ${maxLength} characters`);
      return make(T.String, value);
    }
    case T.Integer:
    case T.Number: {
      const choice = checkChoice(option, raw);
      if (!choice.ok) return choice;
      const value = choice.value === undefined ? Number(raw) : Number(choice.value);
      const valid = raw.trim() !== '' && Number.isFinite(value);
      if (!valid || (option.type === T.Integer && !Number.isSafeInteger(value))) return bad();
      const range = checkRange(option, value);
      return range ? fail(range) : make(option.type, value);
    }
    case T.Boolean: {
      const lower = raw.toLowerCase();
      if (['true', 'yes', 'on'].includes(lower)) return make(T.Boolean, true);
      if (['false', 'no', 'off'].includes(lower)) return make(T.Boolean, false);
      return bad();
    }
    case T.User: {
      const id = resolver.user(raw);
      return id ? make(T.User, id) : fail(`${name}: no user "${raw}"`);
    }
    case T.Role: {
      const id = resolver.role(raw);
      return id ? make(T.Role, id) : fail(`${name}: no role "${raw}"`);
    }
    case T.Mentionable: {
      const roleFirst = raw.startsWith('<@&') || raw.startsWith('@&');
      const id = roleFirst ? resolver.role(raw) : (resolver.user(raw) ?? resolver.role(raw));
      return id ? make(T.Mentionable, id) : fail(`${name}: no user or role "${raw}"`);
    }
    case T.Channel: {
      const channel = resolver.channel(raw);
      if (!channel) return fail(`${name}: no channel "${raw}"`);
      const types = field<number[]>(option, 'channel_types');
      if (types && types.length > 0 && !types.includes(channel.type)) {
        return fail(`${name}: that kind of channel is not accepted here`);
      }
      return make(T.Channel, channel.id);
    }
    case T.Attachment:
      return fail(`${name}: attachments cannot be sent from the terminal client`);
    default:
      return bad();
  }
}

/** Follows leading bare words through subcommand groups and subcommands. */
function descend(
  definitions: APIApplicationCommandOption[],
  args: RawArg[],
  commandName: string,
): Result<{
  path: { name: string; type: T.Subcommand | T.SubcommandGroup }[];
  leaf: APIApplicationCommandBasicOption[];
  rest: RawArg[];
}> {
  const path: { name: string; type: T.Subcommand | T.SubcommandGroup }[] = [];
  let level = definitions;
  let rest = args;
  while (level.some((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup)) {
    const subs = level.filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
    const where = `/${[commandName, ...path.map((p) => p.name)].join(' ')}`;
    const word = rest[0];
    if (!word || word.name !== undefined) {
      return fail(`${where} needs a subcommand: ${subs.map((s) => s.name).join(', ')}`);
    }
    const sub = subs.find((s) => s.name === word.value.toLowerCase());
    if (!sub)
      return fail(`${where} has no subcommand "${word.value}"; try ${subs.map((s) => s.name).join(', ')}`);
    path.push({ name: sub.name, type: sub.type as T.Subcommand | T.SubcommandGroup });
    level = (field<APIApplicationCommandOption[]>(sub, 'options') ?? []) as APIApplicationCommandOption[];
    rest = rest.slice(1);
  }
  return ok({ path, leaf: level as APIApplicationCommandBasicOption[], rest });
}

/** Nests leaf options under the subcommand path. */
function wrap(
  path: { name: string; type: T.Subcommand | T.SubcommandGroup }[],
  leaf: BasicDataOption[],
): DataOption[] {
  let options: DataOption[] = leaf;
  for (const step of [...path].reverse()) {
    options = [{ name: step.name, type: step.type, options } as DataOption];
  }
  return options;
}

/** Without a definition: leading bare words are a subcommand path, named values go out as strings. */
function untyped(commandName: string, args: RawArg[]): Result<BuiltOptions> {
  const bare = [];
  let i = 0;
  while (i < args.length && args[i]?.name === undefined) bare.push(args[i++]?.value ?? '');
  if (bare.length > 2)
    return fail(
      'without a registered definition, at most a group and a subcommand can precede name:value options',
    );
  const rest = args.slice(i);
  const stray = rest.find((a) => a.name === undefined);
  if (stray)
    return fail(`"${stray.value}" needs an option name (name:value); /${commandName} is not registered`);
  const leaf = rest.map((a) => ({ name: a.name ?? '', type: T.String, value: a.value }) as BasicDataOption);
  const path = bare.map((name, n) => ({
    name: name.toLowerCase(),
    type: n === 0 && bare.length === 2 ? T.SubcommandGroup : T.Subcommand,
  })) as { name: string; type: T.Subcommand | T.SubcommandGroup }[];
  return ok({
    options: wrap(path, leaf),
    warnings: [`/${commandName} is not registered in the emulator; sending option values as strings`],
  });
}

export function buildOptions(
  commandName: string,
  command: CommandEntry | undefined,
  args: RawArg[],
  resolver: OptionResolver,
): Result<BuiltOptions> {
  if (!command) return untyped(commandName, args);
  const descended = descend((command.options ?? []) as APIApplicationCommandOption[], args, command.name);
  if (!descended.ok) return descended;
  const { path, leaf, rest } = descended.value;
  const given = new Map<string, string>();
  for (const arg of rest) {
    let option: APIApplicationCommandBasicOption | undefined;
    if (arg.name !== undefined) {
      option = leaf.find((o) => o.name === arg.name);
      if (!option) {
        const known = leaf.map((o) => o.name).join(', ') || 'none';
        return fail(`/${command.name} has no option "${arg.name}" (options: ${known})`);
      }
    } else {
      option = leaf.find((o) => !given.has(o.name));
      if (!option) return fail(`unexpected "${arg.value}": no option left to fill`);
    }
    if (given.has(option.name)) return fail(`${option.name} is given twice`);
    given.set(option.name, arg.value);
  }
  const missing = leaf.filter((o) => o.required && !given.has(o.name)).map((o) => `${o.name}:`);
  if (missing.length > 0)
    return fail(`missing required option${missing.length > 1 ? 's' : ''}: ${missing.join(' ')}`);
  const converted: BasicDataOption[] = [];
  for (const option of leaf) {
    const raw = given.get(option.name);
    if (raw === undefined) continue;
    const value = convertValue(option, raw, resolver);
    if (!value.ok) return value;
    converted.push(value.value);
  }
  return ok({ options: wrap(path, converted), warnings: [] });
}
