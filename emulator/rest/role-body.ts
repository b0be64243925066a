import type { APIRole } from 'discord-api-types/v10';
import { imageHash, parseImageData } from '../cdn/uploads';
import type { EmulatorContext } from '../context';
import { FormErrors, isRecord } from '../form-errors';

/**
 * The body of Create/Modify Guild Role (`developers/resources/guild.mdx`): `name` (≤100), `permissions` (a
 * bitfield string), `color` (deprecated) or `colors`, `hoist`, `icon` (image data), `unicode_emoji`,
 * `mentionable`. Wrong types → 400 50035 with every bad field. Returns the fields to set on the role (and the icon
 * image to store, keyed by role id once the id is known).
 */
export interface RoleFields {
  fields: Partial<APIRole>;
  permissions?: bigint;
  icon?: { hash: string; bytes: Uint8Array; contentType: string } | null;
}

const MAX_COLOR = 0xffffff;

function isColor(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COLOR;
}

export function parseRoleBody(body: Record<string, unknown>): RoleFields {
  const form = new FormErrors();
  const out: RoleFields = { fields: {} };
  const { name, permissions, color, colors, hoist, icon, unicode_emoji, mentionable } = body;
  if (name !== undefined && name !== null) {
    if (typeof name !== 'string')
      form.add(['name'], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
    else {
      form.maxLength(['name'], name, 100);
      out.fields.name = name;
    }
  }
  if (permissions !== undefined && permissions !== null) {
    const text = typeof permissions === 'number' ? String(permissions) : permissions;
    if (typeof text !== 'string' || !/^\d{1,20}$/.test(text))
      form.add(['permissions'], 'NUMBER_TYPE_COERCE', `Value "${String(permissions)}" is not int.`);
    else {
      out.permissions = BigInt(text);
      out.fields.permissions = BigInt(text).toString();
    }
  }
  if (color !== undefined && color !== null) {
    if (!isColor(color))
      form.add(['color'], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 16777215.');
    else {
      out.fields.color = color as number;
      out.fields.colors = { primary_color: color as number, secondary_color: null, tertiary_color: null };
    }
  }
  if (colors !== undefined && colors !== null) {
    if (!isRecord(colors) || !isColor(colors.primary_color))
      form.add(['colors', 'primary_color'], 'NUMBER_TYPE_COERCE', 'Value is not a valid color.');
    else {
      const second = colors.secondary_color ?? null;
      const third = colors.tertiary_color ?? null;
      if (second !== null && !isColor(second))
        form.add(['colors', 'secondary_color'], 'NUMBER_TYPE_COERCE', 'Value is not a valid color.');
      if (third !== null && !isColor(third))
        form.add(['colors', 'tertiary_color'], 'NUMBER_TYPE_COERCE', 'Value is not a valid color.');
      const primary = colors.primary_color as number;
      out.fields.color = primary;
      out.fields.colors = {
        primary_color: primary,
        secondary_color: second as number | null,
        tertiary_color: third as number | null,
      } as APIRole['colors'];
    }
  }
  for (const [key, value] of [
    ['hoist', hoist],
    ['mentionable', mentionable],
  ] as const) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') form.add([key], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    else out.fields[key] = value;
  }
  if (unicode_emoji !== undefined) {
    if (unicode_emoji !== null && typeof unicode_emoji !== 'string')
      form.add(['unicode_emoji'], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
    else out.fields.unicode_emoji = unicode_emoji === '' ? null : unicode_emoji;
  }
  form.throwIfAny();
  if (icon === null) out.icon = null;
  else if (icon !== undefined) {
    const image = parseImageData(icon, 'icon');
    out.icon = { hash: imageHash(image), ...image };
  }
  return out;
}

/** Sets the parsed fields on a stored role (and stores an uploaded icon so the CDN serves it). */
export function applyRoleFields(ctx: EmulatorContext, role: APIRole, parsed: RoleFields): void {
  Object.assign(role, structuredClone(parsed.fields));
  if (parsed.icon === null) role.icon = null;
  else if (parsed.icon) {
    role.icon = parsed.icon.hash;
    ctx.images.put(`role-icon/${role.id}/${parsed.icon.hash}`, {
      bytes: parsed.icon.bytes,
      contentType: parsed.icon.contentType,
    });
  }
}

export const ROLE_AUDIT_KEYS = [
  'name',
  'permissions',
  'color',
  'colors',
  'hoist',
  'icon',
  'unicode_emoji',
  'mentionable',
  'position',
] as const;
