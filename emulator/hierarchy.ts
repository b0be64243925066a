import { type APIRole, PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import { errors } from './http';
import { ALL_PERMISSIONS, computeGuildPermissions, has } from './permissions';
import { compareIds, type GuildRecord } from './state';

/**
 * What the bot may do in a guild (`developers/topics/permissions.mdx`, "Permission Hierarchy"): its guild
 * permissions (Administrator and ownership give all), and its highest role. It can only edit, delete, sort and
 * assign roles strictly below its highest role, and only grant permissions it has. The owner is above everything.
 */
export interface BotStanding {
  guild: GuildRecord;
  permissions: bigint;
  admin: boolean;
  owner: boolean;
  /** The bot's highest role (the @everyone role when it has none). */
  highest: APIRole | undefined;
}

export function botStanding(ctx: EmulatorContext, guild: GuildRecord): BotStanding {
  const botId = ctx.store.state.botUserId;
  const permissions = computeGuildPermissions(guild, botId) ?? 0n;
  return {
    guild,
    permissions,
    admin: permissions === ALL_PERMISSIONS,
    owner: guild.owner_id === botId,
    highest: highestRole(guild, ctx.store.member(guild.id, botId)?.roles ?? []),
  };
}

/** 403 50013 unless the bot has every one of `bits` (Administrator has all). */
export function requirePermission(standing: BotStanding, bits: bigint): void {
  if (!has(standing.permissions, bits)) throw errors.missingPermissions();
}

/** `a` above `b`: a higher position, or the same position and an older (smaller) id. */
export function roleAbove(a: APIRole, b: APIRole): boolean {
  const pa = a.position ?? 0;
  const pb = b.position ?? 0;
  if (pa !== pb) return pa > pb;
  return compareIds(a.id, b.id) < 0;
}

export function highestRole(guild: GuildRecord, roleIds: readonly string[]): APIRole | undefined {
  let best = guild.roles.find((r) => r.id === guild.id);
  for (const id of roleIds) {
    const role = guild.roles.find((r) => r.id === id);
    if (role && (!best || roleAbove(role, best))) best = role;
  }
  return best;
}

/** Is the role strictly below the bot's highest role (always, for the owner)? */
export function belowBot(standing: BotStanding, role: APIRole): boolean {
  if (standing.owner) return true;
  if (role.id === standing.guild.id) return standing.highest?.id !== role.id;
  return standing.highest !== undefined && roleAbove(standing.highest, role);
}

export function requireBelowBot(standing: BotStanding, role: APIRole): void {
  if (!belowBot(standing, role)) throw errors.missingPermissions();
}

/** A member the bot may act on (ban, nickname): not the owner, and their highest role is below the bot's. */
export function canActOn(standing: BotStanding, userId: string, roleIds: readonly string[]): boolean {
  if (standing.owner) return userId !== standing.guild.owner_id;
  if (userId === standing.guild.owner_id) return false;
  const theirs = highestRole(standing.guild, roleIds);
  if (!theirs || theirs.id === standing.guild.id) return standing.highest?.id !== standing.guild.id;
  return standing.highest !== undefined && roleAbove(standing.highest, theirs);
}

/** 403 50013 when `bits` holds a permission the bot lacks (Administrators may grant anything). */
export function requireGrantable(standing: BotStanding, bits: bigint): void {
  if (standing.admin) return;
  if ((bits & ~standing.permissions) !== 0n) throw errors.missingPermissions();
}

/** Setting Manage Roles (Manage Permissions) in a channel overwrite is for Administrators only. */
export function requireOverwriteBits(standing: BotStanding, changed: bigint, extra = 0n): void {
  if (standing.admin) return;
  if (has(changed, PermissionFlagsBits.ManageRoles)) throw errors.missingPermissions();
  if ((changed & ~(standing.permissions | extra)) !== 0n) throw errors.missingPermissions();
}
