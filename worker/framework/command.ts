import type { PermissionFlagsBits } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { AutocompleteContext, CommandContext, ComponentContext } from './context';
import { ANYONE, encodeCustomId, type ParamsOf, patternKey } from './custom-id';
import type { OptionsSpec, OptionValues } from './options';
import type { Reply } from './reply';

export type PermissionName = keyof typeof PermissionFlagsBits;

export interface CooldownSpec {
  /** Uses allowed per window. */
  rate: number;
  /** Window length in seconds. */
  per: number;
  scope: 'user' | 'guild' | 'channel';
}

/** The slash command a subcommand is registered under (set by `defineCommandGroup`, never by hand). */
export interface CommandGroupInfo {
  name: string;
  description: string;
}

/** One command, serving `/name` over HTTP and `!name args` / `@Bot name args` from the gateway. */
export interface CommandDefinition<O extends OptionsSpec = OptionsSpec> {
  /** The full name: `about`, or `schedule create` for a subcommand of a group. */
  name: string;
  group?: CommandGroupInfo;
  description: string;
  category: string;
  /** Longer help text for /help. */
  help?: string;
  /** Extra names for prefix invocations. */
  aliases?: string[];
  options?: O;
  /** Refuse in direct messages. */
  guildOnly?: boolean;
  /** Discord permissions the member needs (all of them). Bot owners pass. */
  permissions?: PermissionName[];
  /** Only the bot owners (BOT_OWNER_ID). */
  ownerOnly?: boolean;
  /** Exempt from /config role requirements (e.g. /config itself, so admins can't lock themselves out). */
  ignoreRoleRequirements?: boolean;
  cooldown?: CooldownSpec;
  /** false = prefix only by design. */
  slash?: boolean;
  /** false = slash only. */
  prefix?: boolean;
  /** Has side effects: a redelivered interaction must not apply twice. */
  mutates?: boolean;
  /** Lower numbers keep their slash registration first when the slash limit is reached. */
  priority?: number;
  /** Cross-option validation of the converted values. */
  validate?: z.ZodType<unknown>;
  autocomplete?: (ctx: AutocompleteContext) => Promise<Reply> | Reply;
  run: (ctx: CommandContext, options: OptionValues<O>) => Promise<Reply> | Reply;
}

export type AnyCommand = CommandDefinition<OptionsSpec>;

export function defineCommand<const O extends OptionsSpec = Record<never, never>>(
  def: CommandDefinition<O>,
): AnyCommand {
  return def as unknown as AnyCommand;
}

export interface ComponentDefinition<P extends string = string> {
  /** `key/:param/:param`; the key routes, the params are typed. */
  pattern: P;
  /** Seconds until the component expires (default 300); 0 = never. */
  ttlSeconds?: number;
  /** Anyone may use it, not only the user it was made for. */
  anyone?: boolean;
  mutates?: boolean;
  run(ctx: ComponentContext, params: ParamsOf<P>): Promise<Reply> | Reply;
}

export const DEFAULT_COMPONENT_TTL_SECONDS = 300;

export interface ComponentHandle<P extends string = string> extends ComponentDefinition<P> {
  key: string;
  /** The custom id for this component, bound to the invoking user (unless `anyone`). */
  id(invoker: { user: { id: string } }, params: ParamsOf<P>, nowMs?: number): string;
}

export type AnyComponent = ComponentHandle<string>;

export function defineComponent<const P extends string>(def: ComponentDefinition<P>): ComponentHandle<P> {
  const ttl = def.ttlSeconds ?? DEFAULT_COMPONENT_TTL_SECONDS;
  return {
    ...def,
    key: patternKey(def.pattern),
    id(invoker, params, nowMs = Date.now()) {
      return encodeCustomId(def.pattern, {
        owner: def.anyone ? ANYONE : invoker.user.id,
        expiresAtMs: ttl === 0 ? null : nowMs + ttl * 1000,
        params: params as Record<string, string>,
      });
    },
  };
}
