/**
 * Restore options as the API takes them (docs/dashboard-api.md, "Restore"): the modes and components with
 * their words for people, the defaults (add missing; everything but bans), and durations as the bot says them.
 */

import type { RestoreComponent, RestoreMode, RestoreOptions } from './types';

export const MODES: { value: RestoreMode; label: string; hint: string }[] = [
  { value: 'add', label: 'Add missing', hint: 'Create what is gone; change nothing that exists.' },
  {
    value: 'sync',
    label: 'Sync',
    hint: 'Also repair what exists: names, permissions, overwrites, positions.',
  },
  { value: 'mirror', label: 'Mirror', hint: 'Sync, and delete what the backup does not have.' },
];

export const COMPONENTS: { value: RestoreComponent; label: string }[] = [
  { value: 'settings', label: 'Server settings' },
  { value: 'roles', label: 'Roles' },
  { value: 'categories', label: 'Categories' },
  { value: 'channels', label: 'Channels' },
  { value: 'members', label: 'Member roles' },
  { value: 'emojis', label: 'Emojis' },
  { value: 'stickers', label: 'Stickers' },
  { value: 'bot', label: 'Bot settings' },
  { value: 'bans', label: 'Bans' },
];

export const DEFAULT_OPTIONS: RestoreOptions = {
  mode: 'add',
  components: COMPONENTS.map((c) => c.value).filter((c) => c !== 'bans'),
  roleSync: false,
};

/** Seconds under a minute and a half, then minutes: "45 s", "3 min". */
export function roughDuration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
