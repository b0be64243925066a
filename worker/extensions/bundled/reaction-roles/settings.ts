import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/);

/** One binding: reacting with `emoji` on a message gives `roleId`; removing the reaction takes it back. */
export const binding = z.object({
  channelId: snowflake,
  messageId: snowflake,
  /** A unicode emoji, or `name:id` for a custom one (the form Discord's reaction routes use). */
  emoji: z.string().min(1).max(80),
  roleId: snowflake,
});
export type Binding = z.output<typeof binding>;

export const MAX_BINDINGS = 100;

export const reactionRoleSettings = z.object({
  bindings: z
    .array(binding)
    .max(MAX_BINDINGS, `at most ${MAX_BINDINGS} reaction roles per server`)
    .default([]),
});
