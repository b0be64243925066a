import { z } from 'zod';

/** A guild id, or null for events outside guilds (DMs, deployment-wide events). */
const guildIdSchema = z
  .string()
  .regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)')
  .nullable();

/**
 * One emitted event as it travels through the queue: the event, its payload and when it was emitted.
 * The consumer validates every message against this schema (a queue is a trust boundary: a message from an
 * older deploy or a hand-sent one may not match).
 */
export const hookEnvelopeSchema = z
  .object({
    v: z.literal(1),
    eventId: z.string().min(1).max(64),
    event: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'must be letters, digits and . _ : - only'),
    guildId: guildIdSchema,
    emittedAt: z.number().int().nonnegative(),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();

export type HookEnvelope = z.output<typeof hookEnvelopeSchema>;

/** Builds and validates an envelope; throws an error naming each problem when the event or payload is bad. */
export function createEnvelope(
  event: string,
  payload: object,
  now: number,
  eventId: string = crypto.randomUUID(),
): HookEnvelope {
  const guildId = (payload as { guildId?: unknown }).guildId ?? null;
  const parsed = hookEnvelopeSchema.safeParse({ v: 1, eventId, event, guildId, emittedAt: now, payload });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`);
    throw new Error(`cannot emit "${event}": ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Parses a queue message body; null (with the reason) when it is not an envelope. */
export function parseEnvelope(
  body: unknown,
): { ok: true; envelope: HookEnvelope } | { ok: false; reason: string } {
  const parsed = hookEnvelopeSchema.safeParse(body);
  if (parsed.success) return { ok: true, envelope: parsed.data };
  return {
    ok: false,
    reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  };
}
