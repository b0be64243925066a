/** Discord's guild limits that a restore plan must respect (see docs/decisions.md for sources). */
export const MAX_ROLES = 250;
export const MAX_CHANNELS = 500;
export const MAX_PER_CATEGORY = 50;
/** Roles that can be created per guild in ~48 hours (Discord's role-creation bucket). */
export const ROLE_CREATE_QUOTA = 250;

export function emojiSlots(tier: number, features: readonly string[]): number {
  if (features.includes('MORE_EMOJI')) return Math.max(200, [50, 100, 150, 250][tier] ?? 50);
  return [50, 100, 150, 250][tier] ?? 50;
}

export function stickerSlots(tier: number, features: readonly string[]): number {
  if (features.includes('MORE_STICKERS')) return 60;
  return [5, 15, 30, 60][tier] ?? 5;
}

export function maxBitrate(tier: number, features: readonly string[], stage: boolean): number {
  if (stage) return 64_000;
  if (features.includes('VIP_REGIONS')) return 384_000;
  return [96_000, 128_000, 256_000, 384_000][tier] ?? 96_000;
}

/** Rough seconds per call, by operation type, from the usual bucket sizes (the job obeys the real headers). */
export const SECONDS_PER_CALL: Record<string, number> = {
  'role.create': 1,
  'channel.create': 1,
  'emoji.create': 2,
  'sticker.create': 2,
  'member.roles': 1,
  default: 0.5,
};
