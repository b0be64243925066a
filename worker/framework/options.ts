import {
  type APIApplicationCommandBasicOption,
  type APIAttachment,
  type APIInteractionDataResolvedChannel,
  type APIRole,
  type APIUser,
  ApplicationCommandOptionType,
  type ChannelType,
} from 'discord-api-types/v10';
import { z } from 'zod';

/** A user option's value: the user, and their guild member data when used in a guild. */
export interface UserValue {
  id: string;
  user?: APIUser;
  roles?: string[];
}
export interface RoleValue {
  id: string;
  role?: Pick<APIRole, 'id' | 'name'> & Partial<APIRole>;
}
export interface ChannelValue {
  id: string;
  channel?: Pick<APIInteractionDataResolvedChannel, 'id' | 'type'> & { name?: string | null };
}
export interface MentionableValue {
  id: string;
  kind: 'user' | 'role';
}

interface ValueOf {
  string: string;
  integer: number;
  number: number;
  boolean: boolean;
  user: UserValue;
  channel: ChannelValue;
  role: RoleValue;
  mentionable: MentionableValue;
  attachment: APIAttachment;
}
export type OptionKind = keyof ValueOf;

export const optionTypeOf: Record<OptionKind, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
  channel: ApplicationCommandOptionType.Channel,
  role: ApplicationCommandOptionType.Role,
  mentionable: ApplicationCommandOptionType.Mentionable,
  attachment: ApplicationCommandOptionType.Attachment,
};

export interface Choice<V> {
  name: string;
  value: V;
}

export interface OptionSpec<K extends OptionKind = OptionKind, R extends boolean = boolean, V = ValueOf[K]> {
  kind: K;
  description: string;
  required: R;
  choices?: readonly Choice<V>[];
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
  channelTypes?: readonly ChannelType[];
  autocomplete?: boolean;
  /** Prefix commands: this string option takes the rest of the line. */
  rest?: boolean;
  /** Narrower validation of the converted value (runs on slash and prefix alike). */
  schema?: z.ZodType<V>;
  /** Phantom: the handler's value type. */
  readonly __value?: V;
}

type Base = { required?: boolean };
type StringExtra = Base & {
  autocomplete?: boolean;
  choices?: readonly Choice<string>[];
  minLength?: number;
  maxLength?: number;
  rest?: boolean;
  schema?: z.ZodType<string>;
};
type NumberExtra = Base & {
  autocomplete?: boolean;
  choices?: readonly Choice<number>[];
  minValue?: number;
  maxValue?: number;
};
type ChannelExtra = Base & { channelTypes?: readonly ChannelType[] };

/** `true` only when the builder was given `required: true`. */
type Req<E> = E extends { required: true } ? true : false;
/** The union of the choices' values, or the kind's plain type. */
type ValueFrom<E, Fallback> = E extends { choices: readonly Choice<infer V>[] } ? V : Fallback;

function make<K extends OptionKind>(kind: K, description: string, extra: Base): OptionSpec<K> {
  return { kind, description, ...extra, required: extra.required ?? false } as OptionSpec<K>;
}

/** Option builders. The handler's option types are inferred from these. */
export const option = {
  string: <const E extends StringExtra = Base>(description: string, extra?: E) =>
    make('string', description, extra ?? {}) as unknown as OptionSpec<'string', Req<E>, ValueFrom<E, string>>,
  integer: <const E extends NumberExtra = Base>(description: string, extra?: E) =>
    make('integer', description, extra ?? {}) as unknown as OptionSpec<
      'integer',
      Req<E>,
      ValueFrom<E, number>
    >,
  number: <const E extends NumberExtra = Base>(description: string, extra?: E) =>
    make('number', description, extra ?? {}) as unknown as OptionSpec<'number', Req<E>, ValueFrom<E, number>>,
  boolean: <const E extends Base = Base>(description: string, extra?: E) =>
    make('boolean', description, extra ?? {}) as unknown as OptionSpec<'boolean', Req<E>>,
  user: <const E extends Base = Base>(description: string, extra?: E) =>
    make('user', description, extra ?? {}) as unknown as OptionSpec<'user', Req<E>>,
  role: <const E extends Base = Base>(description: string, extra?: E) =>
    make('role', description, extra ?? {}) as unknown as OptionSpec<'role', Req<E>>,
  channel: <const E extends ChannelExtra = Base>(description: string, extra?: E) =>
    make('channel', description, extra ?? {}) as unknown as OptionSpec<'channel', Req<E>>,
  mentionable: <const E extends Base = Base>(description: string, extra?: E) =>
    make('mentionable', description, extra ?? {}) as unknown as OptionSpec<'mentionable', Req<E>>,
  attachment: <const E extends Base = Base>(description: string, extra?: E) =>
    make('attachment', description, extra ?? {}) as unknown as OptionSpec<'attachment', Req<E>>,
};

export type OptionsSpec = Record<string, OptionSpec>;

/** The values a handler receives: required options are present, optional ones may be undefined. */
export type OptionValues<O extends OptionsSpec> = {
  [K in keyof O as O[K]['required'] extends true ? K : never]: NonNullable<O[K]['__value']>;
} & {
  [K in keyof O as O[K]['required'] extends true ? never : K]?: NonNullable<O[K]['__value']>;
};

/** The JSON Discord receives for one option. Required options must be listed first. */
export function optionToJSON(name: string, spec: OptionSpec): APIApplicationCommandBasicOption {
  const json: Record<string, unknown> = {
    type: optionTypeOf[spec.kind],
    name,
    description: spec.description,
  };
  if (spec.required) json.required = true;
  if (spec.choices) json.choices = spec.choices.map((c) => ({ name: c.name, value: c.value }));
  if (spec.autocomplete) json.autocomplete = true;
  if (spec.minValue !== undefined) json.min_value = spec.minValue;
  if (spec.maxValue !== undefined) json.max_value = spec.maxValue;
  if (spec.minLength !== undefined) json.min_length = spec.minLength;
  if (spec.maxLength !== undefined) json.max_length = spec.maxLength;
  if (spec.channelTypes) json.channel_types = [...spec.channelTypes];
  return json as unknown as APIApplicationCommandBasicOption;
}

/** The zod schema one option's converted value must satisfy, built from its spec. */
export function optionSchema(name: string, spec: OptionSpec): z.ZodType {
  let schema: z.ZodType;
  switch (spec.kind) {
    case 'string': {
      let s = z.string({ message: `\`${name}\` must be text` });
      if (spec.minLength !== undefined)
        s = s.min(spec.minLength, `\`${name}\` must be at least ${spec.minLength} characters`);
      if (spec.maxLength !== undefined)
        s = s.max(spec.maxLength, `\`${name}\` must be at most ${spec.maxLength} characters`);
      schema = s;
      break;
    }
    case 'integer':
    case 'number': {
      let n = z.number({ message: `\`${name}\` must be a number` });
      if (spec.kind === 'integer') n = n.int(`\`${name}\` must be a whole number`);
      if (spec.minValue !== undefined)
        n = n.min(spec.minValue, `\`${name}\` must be at least ${spec.minValue}`);
      if (spec.maxValue !== undefined)
        n = n.max(spec.maxValue, `\`${name}\` must be at most ${spec.maxValue}`);
      schema = n;
      break;
    }
    case 'boolean':
      schema = z.boolean({ message: `\`${name}\` must be true or false` });
      break;
    default:
      schema = z.object({ id: z.string().regex(/^\d{17,20}$/) }).loose();
  }
  if (spec.choices) {
    const allowed = spec.choices.map((c) => c.value);
    schema = schema.refine((v) => allowed.includes(v as never), {
      message: `\`${name}\` must be one of: ${spec.choices.map((c) => c.name).join(', ')}`,
    });
  }
  if (spec.schema) schema = schema.pipe(spec.schema as z.ZodType);
  return spec.required ? schema : schema.optional();
}
