import type { APIUser } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import { computeGuildPermissions, has } from '../permissions';

/**
 * Who authorizes on `/oauth2/authorize`: in order, the `login_as` query parameter (a user id or username), the
 * cookie a previous `login_as` set (ignored with `prompt=consent`, so a browser can pick someone else), then
 * `PUT /__emulator/oauth/current-user`. Bots cannot log in.
 */
export const LOGIN_COOKIE = 'edgeward_emulator_login';

/** A non-bot user by id or by username (case-insensitive). */
export function findLoginUser(ctx: EmulatorContext, value: string): APIUser | undefined {
  const byId = /^\d+$/.test(value) ? ctx.store.user(value) : undefined;
  const wanted = value.toLowerCase();
  const user = byId ?? ctx.store.state.users.find((u) => u.username.toLowerCase() === wanted);
  return user && !user.bot ? user : undefined;
}

/** The user remembered by the cookie, if it was set since the last reset and the user still exists. */
export function cookieUser(ctx: EmulatorContext, header: string | undefined): APIUser | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name !== LOGIN_COOKIE || !value) continue;
    const [epoch, userId] = decodeURIComponent(value).split('.');
    if (epoch === ctx.oauth.epoch && userId) return findLoginUser(ctx, userId);
  }
  return undefined;
}

export function loginCookie(ctx: EmulatorContext, userId: string): string {
  return `${LOGIN_COOKIE}=${ctx.oauth.epoch}.${userId}; Path=/oauth2; HttpOnly; SameSite=Lax`;
}

export interface LoginCandidate {
  user: APIUser;
  /** e.g. "owner of Edgeward Demo · bot owner". */
  hint: string;
}

const MAX_LISTED = 30;

/** The users the login page offers (non-bots, in state order, at most 30) and how many more there are. */
export function loginCandidates(ctx: EmulatorContext): { listed: LoginCandidate[]; more: number } {
  const humans = ctx.store.state.users.filter((u) => !u.bot);
  const listed = humans.slice(0, MAX_LISTED).map((user) => ({ user, hint: describeUser(ctx, user.id) }));
  return { listed, more: humans.length - listed.length };
}

function describeUser(ctx: EmulatorContext, userId: string): string {
  const parts: string[] = [];
  if (ctx.store.state.application.owner_id === userId) parts.push('bot owner');
  let guilds = 0;
  for (const guild of ctx.store.state.guilds) {
    const permissions = computeGuildPermissions(guild, userId);
    if (permissions === undefined) continue;
    guilds += 1;
    if (guilds > 3) continue;
    if (guild.owner_id === userId) parts.push(`owner of ${guild.name}`);
    else if (has(permissions, PermissionFlagsBits.Administrator))
      parts.push(`Administrator in ${guild.name}`);
    else if (has(permissions, PermissionFlagsBits.ManageGuild)) parts.push(`Manage Server in ${guild.name}`);
    else parts.push(`member of ${guild.name}`);
  }
  if (guilds > 3) parts.push(`${guilds - 3} more servers`);
  if (guilds === 0) parts.push('in no server');
  return parts.join(' · ');
}
