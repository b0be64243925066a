import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { PermissionName } from '../framework/command';

const ALL = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** Discord's names for permissions, as its client shows them. */
const labels: Partial<Record<PermissionName, string>> = {
  ManageGuild: 'Manage Server',
  ViewChannel: 'View Channels',
  ManageChannels: 'Manage Channels',
  ManageRoles: 'Manage Roles',
  ManageMessages: 'Manage Messages',
  ModerateMembers: 'Timeout Members',
  UseApplicationCommands: 'Use Application Commands',
};

export function permissionLabel(name: PermissionName): string {
  return labels[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

export function bitsOf(names: readonly PermissionName[]): bigint {
  return names.reduce((acc, n) => acc | PermissionFlagsBits[n], 0n);
}

/** The permissions in `required` that `granted` lacks. Administrator grants everything. */
export function missingPermissions(granted: bigint, required: readonly PermissionName[]): PermissionName[] {
  if ((granted & PermissionFlagsBits.Administrator) !== 0n) return [];
  return required.filter((n) => (granted & PermissionFlagsBits[n]) === 0n);
}

export function isAdministrator(granted: bigint | null): boolean {
  return granted !== null && (granted & PermissionFlagsBits.Administrator) !== 0n;
}

interface Overwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}

/**
 * A member's permissions in a channel, by Discord's documented algorithm: the owner has all; base =
 * @everyone | member roles; Administrator has all; then @everyone, role and member overwrites in turn.
 */
export function computeChannelPermissions(input: {
  guildId: string;
  ownerId: string;
  userId: string;
  memberRoles: readonly string[];
  roles: readonly { id: string; permissions: string }[];
  overwrites: readonly Overwrite[];
}): bigint {
  if (input.userId === input.ownerId) return ALL;
  const roleById = new Map(input.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let perms = roleById.get(input.guildId) ?? 0n;
  for (const id of input.memberRoles) perms |= roleById.get(id) ?? 0n;
  if ((perms & PermissionFlagsBits.Administrator) !== 0n) return ALL;
  const everyone = input.overwrites.find((o) => o.id === input.guildId);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && o.id !== input.guildId && input.memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
  return perms;
}
