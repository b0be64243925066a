import { z } from 'zod';
import { patternProblem } from './rules';

const snowflake = z.string().regex(/^\d{17,20}$/);

export const FILTER_ACTIONS = ['delete', 'warn', 'timeout'] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];

/** The message filter's settings in one guild. */
export const filterSettings = z.object({
  words: z.array(z.string().min(1).max(64)).max(200, 'at most 200 words').default([]),
  patterns: z
    .array(
      z
        .string()
        .min(1)
        .max(100)
        .superRefine((p, ctx) => {
          const problem = patternProblem(p);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    )
    .max(25, 'at most 25 patterns')
    .default([]),
  /** delete: remove the message; warn: remove it and tell the author; timeout: remove it and time them out. */
  action: z.enum(FILTER_ACTIONS).default('delete'),
  timeoutMinutes: z.number().int().min(1).max(40_320).default(10),
  exemptRoles: z.array(snowflake).max(25).default([]),
  exemptChannels: z.array(snowflake).max(50).default([]),
});

export type FilterSettings = z.output<typeof filterSettings>;
