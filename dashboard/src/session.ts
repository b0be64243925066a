/** The logged-in user (from `GET /api/me`) and per-session caches of server details. */

import { api, guildPath, setCsrfToken } from './api';
import type { GuildDetail, Me } from './types';

let me: Me | null = null;
const guildDetails = new Map<string, Promise<GuildDetail>>();

export function currentUser(): Me | null {
  return me;
}

export function setSession(value: Me | null): void {
  me = value;
  setCsrfToken(value?.csrfToken ?? '');
  guildDetails.clear();
}

export function displayName(user: Me['user']): string {
  return user.globalName || user.username;
}

/** `GET /api/guilds/:id`, shared by the tabs of one server page; a failure is not kept. */
export function guildDetail(guildId: string, fresh = false): Promise<GuildDetail> {
  let pending = fresh ? undefined : guildDetails.get(guildId);
  if (!pending) {
    pending = api.get<GuildDetail>(guildPath(guildId));
    guildDetails.set(guildId, pending);
    pending.catch(() => guildDetails.delete(guildId));
  }
  return pending;
}
