import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/);

export const LEVEL_UP_DEFAULT = '🎉 {user} reached **level {level}**!';

/** The levels extension's settings in one guild. */
export const levelSettings = z
  .object({
    /** Seconds between two messages that earn XP, per member. */
    cooldownSeconds: z.number().int().min(5).max(3600).default(60),
    xpMin: z.number().int().min(1).max(100).default(15),
    xpMax: z.number().int().min(1).max(100).default(25),
    /** Where level-ups are announced: null = in the channel of the message; 'off' = nowhere. */
    announceChannelId: z
      .union([snowflake, z.literal('off')])
      .nullable()
      .default(null),
    message: z.string().min(1).max(500).default(LEVEL_UP_DEFAULT),
    noXpChannels: z.array(snowflake).max(50).default([]),
    noXpRoles: z.array(snowflake).max(25).default([]),
  })
  .refine((s) => s.xpMin <= s.xpMax, {
    message: 'the minimum XP cannot be above the maximum',
    path: ['xpMin'],
  });

export type LevelSettings = z.output<typeof levelSettings>;
