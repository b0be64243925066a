import { type APIRole, PermissionFlagsBits } from 'discord-api-types/v10';
import { AuditLogEvent, diffChanges, recordAudit } from '../audit-log';
import { deleteRole } from '../control-guilds';
import { FormErrors, isRecord } from '../form-errors';
import {
  type BotStanding,
  botStanding,
  requireBelowBot,
  requireGrantable,
  requirePermission,
  roleAbove,
} from '../hierarchy';
import { errors, json, noContent } from '../http';
import { parseBits } from '../permissions';
import { roleObject } from '../serialize-guild';
import type { GuildRecord } from '../state';
import { applyRoleFields, parseRoleBody, ROLE_AUDIT_KEYS } from './role-body';
import { type AddRoute, bodyRecord, requireGuild } from './route';

/**
 * Role writes (`developers/resources/guild.mdx`): create (new roles go to position 1, just above @everyone),
 * modify, delete, and bulk positions. All need Manage Roles; the bot may only touch roles strictly below its
 * highest role and only grant permissions it has (Administrators may grant any). Managed roles and @everyone
 * cannot be deleted (400 50028). At most 250 roles (30005).
 */
export const MAX_ROLES = 250;

const asRecord = (role: APIRole) => roleObject(role) as unknown as Record<string, unknown>;

function requireRole(guild: GuildRecord, roleId: string): APIRole {
  const role = guild.roles.find((r) => r.id === roleId);
  if (!role) throw errors.unknownRole();
  return role;
}

/** Roles other than @everyone from lowest to highest. */
function ranked(guild: GuildRecord): APIRole[] {
  return guild.roles.filter((r) => r.id !== guild.id).sort((a, b) => (roleAbove(a, b) ? 1 : -1));
}

export function registerRoleWriteRoutes(add: AddRoute): void {
  add('POST', '/guilds/:guildId/roles', {
    auth: 'bot',
    bucket: 'roleCreate',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageRoles);
      const parsed = parseRoleBody(body === undefined ? {} : bodyRecord(body));
      const everyone = guild.roles.find((r) => r.id === guild.id);
      const permissions = parsed.permissions ?? parseBits(everyone?.permissions);
      requireGrantable(standing, permissions);
      if (guild.roles.length >= MAX_ROLES) throw errors.maxRoles();
      for (const role of guild.roles)
        if (role.id !== guild.id && (role.position ?? 0) >= 1) role.position += 1;
      const role = {
        id: ctx.newId(),
        name: 'new role',
        permissions: permissions.toString(),
        position: 1,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        managed: false,
        mentionable: false,
        flags: 0,
      } as unknown as APIRole;
      applyRoleFields(ctx, role, parsed);
      guild.roles.push(role);
      const changes = diffChanges(null, asRecord(role), ROLE_AUDIT_KEYS);
      recordAudit(ctx, guild, reason, { action_type: AuditLogEvent.RoleCreate, target_id: role.id, changes });
      return json(200, roleObject(role));
    },
  });

  add('PATCH', '/guilds/:guildId/roles/:roleId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageRoles);
      const role = requireRole(guild, params.roleId!);
      const parsed = parseRoleBody(body === undefined ? {} : bodyRecord(body));
      requireBelowBot(standing, role);
      if (parsed.permissions !== undefined) {
        requireGrantable(standing, parsed.permissions & ~parseBits(role.permissions));
      }
      const before = asRecord(role);
      applyRoleFields(ctx, role, parsed);
      const changes = diffChanges(before, asRecord(role), ROLE_AUDIT_KEYS);
      if (changes.length > 0)
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.RoleUpdate,
          target_id: role.id,
          changes,
        });
      return json(200, roleObject(role));
    },
  });

  add('DELETE', '/guilds/:guildId/roles/:roleId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageRoles);
      const role = requireRole(guild, params.roleId!);
      if (role.id === guild.id || role.managed) throw errors.invalidRole();
      requireBelowBot(standing, role);
      const before = asRecord(role);
      deleteRole(ctx, guild, role.id);
      const changes = diffChanges(before, null, ROLE_AUDIT_KEYS);
      recordAudit(ctx, guild, reason, { action_type: AuditLogEvent.RoleDelete, target_id: role.id, changes });
      return noContent();
    },
  });

  add('PATCH', '/guilds/:guildId/roles', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.ManageRoles);
      const moves = parsePositions(body, guild);
      const before = new Map(guild.roles.map((r) => [r.id, r.position ?? 0]));
      reorderRoles(standing, guild, moves);
      for (const role of guild.roles) {
        const old = before.get(role.id) ?? 0;
        if (old === role.position) continue;
        const changes = diffChanges({ position: old }, { position: role.position }, ['position']);
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.RoleUpdate,
          target_id: role.id,
          changes,
        });
      }
      return json(200, guild.roles.map(roleObject));
    },
  });
}

interface Move {
  role: APIRole;
  position: number;
}

function parsePositions(body: unknown, guild: GuildRecord): Move[] {
  const form = new FormErrors();
  if (!Array.isArray(body)) {
    form.add([], 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    form.throwIfAny();
  }
  const moves: Move[] = [];
  (body as unknown[]).forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.id !== 'string') {
      form.add([i, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    const position = entry.position ?? null;
    if (position !== null && !Number.isInteger(position)) {
      form.add([i, 'position'], 'NUMBER_TYPE_COERCE', `Value "${String(position)}" is not int.`);
      return;
    }
    const role = requireRole(guild, entry.id);
    if (position === null) return;
    if (role.id === guild.id) {
      if (position !== 0) throw errors.invalidRole();
      return;
    }
    moves.push({ role, position: position as number });
  });
  form.throwIfAny();
  return moves;
}

/**
 * Moves the listed roles to their positions (clamped to 1…n) and lays the others around them in their old order,
 * so positions stay 1…n. Every role that moves, and every target slot, must be below the bot's highest role.
 */
function reorderRoles(standing: BotStanding, guild: GuildRecord, moves: Move[]): void {
  const order = ranked(guild);
  const n = order.length;
  const changed = moves.filter((m) => m.position !== m.role.position);
  if (!standing.owner) {
    const top = standing.highest?.position ?? 0;
    for (const m of changed) {
      requireBelowBot(standing, m.role);
      if (m.position >= top) throw errors.missingPermissions();
    }
  }
  const slots: (APIRole | undefined)[] = new Array(n).fill(undefined);
  const moved = new Set(changed.map((m) => m.role.id));
  for (const m of [...changed].sort((a, b) => a.position - b.position)) {
    let index = Math.min(Math.max(m.position, 1), n) - 1;
    while (index < n && slots[index]) index += 1;
    if (index >= n) index = slots.lastIndexOf(undefined);
    slots[index] = m.role;
  }
  const rest = order.filter((r) => !moved.has(r.id));
  for (let i = 0; i < n; i++) if (!slots[i]) slots[i] = rest.shift();
  slots.forEach((role, i) => {
    if (role) role.position = i + 1;
  });
}
