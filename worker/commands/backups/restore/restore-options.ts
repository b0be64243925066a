import {
  type PlanOptions,
  RESTORE_COMPONENTS,
  type RestoreComponent,
  type RestoreMode,
} from '../../../restore/plan-types';

/** Restore options travel in custom ids: mode, a component bitmask (base 36) and Role Sync. */
export interface EncodedOptions {
  mode: string;
  mask: string;
  sync: string;
}

export const DEFAULT_COMPONENTS: RestoreComponent[] = RESTORE_COMPONENTS.filter((c) => c !== 'bans');
export const MODES: Record<RestoreMode, string> = {
  add: 'Add missing: create what is gone, change nothing that exists',
  sync: 'Sync: also repair what exists (names, permissions, overwrites, positions)',
  mirror: 'Mirror: sync, and delete what the backup does not have',
};

export function encode(options: PlanOptions): EncodedOptions {
  const mask = RESTORE_COMPONENTS.reduce((m, c, i) => (options.components.has(c) ? m | (1 << i) : m), 0);
  return { mode: options.mode, mask: mask.toString(36), sync: options.roleSync ? '1' : '0' };
}

export function decode(e: EncodedOptions): PlanOptions {
  const bits = Number.parseInt(e.mask, 36) || 0;
  const mode = (['add', 'sync', 'mirror'] as const).find((m) => m === e.mode) ?? 'add';
  return {
    mode,
    components: new Set(RESTORE_COMPONENTS.filter((_, i) => bits & (1 << i))),
    roleSync: e.sync === '1',
  };
}

export const COMPONENT_LABELS: Record<RestoreComponent, string> = {
  settings: 'Server settings',
  roles: 'Roles',
  categories: 'Categories',
  channels: 'Channels',
  emojis: 'Emojis',
  stickers: 'Stickers',
  members: 'Member roles',
  bans: 'Bans',
  bot: 'Bot settings',
};
