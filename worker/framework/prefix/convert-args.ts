import type { APIAttachment } from 'discord-api-types/v10';
import type { AnyCommand } from '../command';
import { orderedOptions } from '../option-values';
import type { ChannelValue, OptionSpec, RoleValue, UserValue } from '../options';
import { tokenize } from './tokenize';

/** Looks up users, roles and channels named in prefix arguments (by id or name) in the invoking guild. */
export interface ArgumentResolver {
  user(idOrName: string): Promise<UserValue | null>;
  role(idOrName: string): Promise<RoleValue | null>;
  channel(idOrName: string): Promise<ChannelValue | null>;
}

const SNOWFLAKE = /^\d{17,20}$/;
const TRUE = new Set(['true', 'yes', 'y', '1', 'on', 'enable', 'enabled']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', 'disable', 'disabled']);

function mentionId(raw: string, pattern: RegExp): string | null {
  const m = pattern.exec(raw);
  if (m?.[1]) return m[1];
  return SNOWFLAKE.test(raw) ? raw : null;
}

async function convert(
  name: string,
  spec: OptionSpec,
  raw: string,
  resolver: ArgumentResolver,
): Promise<{ value: unknown } | { problem: string }> {
  switch (spec.kind) {
    case 'string': {
      if (spec.choices) {
        const hit = spec.choices.find(
          (c) =>
            String(c.value).toLowerCase() === raw.toLowerCase() || c.name.toLowerCase() === raw.toLowerCase(),
        );
        return { value: hit ? hit.value : raw };
      }
      return { value: raw };
    }
    case 'integer':
    case 'number': {
      const ok = spec.kind === 'integer' ? /^[-+]?\d+$/.test(raw) : /^[-+]?(\d+\.?\d*|\.\d+)$/.test(raw);
      if (!ok)
        return { problem: `\`${name}\` must be ${spec.kind === 'integer' ? 'a whole number' : 'a number'}` };
      return { value: Number(raw) };
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { problem: `\`${name}\` must be yes or no` };
    }
    case 'user': {
      const id = mentionId(raw, /^<@!?(\d{17,20})>$/);
      const found = await resolver.user(id ?? raw);
      return found ? { value: found } : { problem: `\`${name}\`: no member matches \`${raw}\`` };
    }
    case 'role': {
      const id = mentionId(raw, /^<@&(\d{17,20})>$/);
      const found = await resolver.role(id ?? raw.replace(/^@/, ''));
      return found ? { value: found } : { problem: `\`${name}\`: no role matches \`${raw}\`` };
    }
    case 'channel': {
      const id = mentionId(raw, /^<#(\d{17,20})>$/);
      const found = await resolver.channel(id ?? raw.replace(/^#/, ''));
      return found ? { value: found } : { problem: `\`${name}\`: no channel matches \`${raw}\`` };
    }
    case 'mentionable': {
      const roleId = /^<@&(\d{17,20})>$/.exec(raw)?.[1];
      if (roleId) return { value: { id: roleId, kind: 'role' } };
      const userId = mentionId(raw, /^<@!?(\d{17,20})>$/);
      if (userId && (await resolver.user(userId))) return { value: { id: userId, kind: 'user' } };
      if (userId && (await resolver.role(userId))) return { value: { id: userId, kind: 'role' } };
      return { problem: `\`${name}\` must mention a member or a role` };
    }
    case 'attachment':
      return { problem: `\`${name}\` must be an attached file` };
  }
}

/**
 * Converts the text after a prefix command's name into the handler's values (before validation), in the
 * command's option order. Quoted strings stay together; a `rest` string option takes the rest of the line;
 * attachment options take the message's attachments in order.
 */
export async function valuesFromPrefix(
  command: AnyCommand,
  text: string,
  resolver: ArgumentResolver,
  attachments: readonly APIAttachment[] = [],
): Promise<{ ok: true; values: Record<string, unknown> } | { ok: false; problems: string[] }> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return { ok: false, problems: [tokenized.error] };
  const tokens = tokenized.tokens;
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  let t = 0;
  let a = 0;
  for (const [name, spec] of orderedOptions(command)) {
    if (spec.kind === 'attachment') {
      if (attachments[a]) values[name] = attachments[a++];
      continue;
    }
    const token = tokens[t];
    if (!token) continue;
    if (spec.kind === 'string' && spec.rest) {
      const remaining = text.slice(token.start).trim();
      values[name] = t === tokens.length - 1 ? token.value : remaining;
      t = tokens.length;
      continue;
    }
    const converted = await convert(name, spec, token.value, resolver);
    if ('problem' in converted) problems.push(converted.problem);
    else values[name] = converted.value;
    t++;
  }
  if (t < tokens.length) problems.push(`Too many arguments: \`${text.slice(tokens[t]?.start ?? 0)}\``);
  return problems.length ? { ok: false, problems } : { ok: true, values };
}
