import { z } from 'zod';

/** The minimum shape a verified body must have before it is treated as an interaction. */
export const interactionEnvelope = z
  .object({
    id: z.string().regex(/^\d{1,20}$/),
    application_id: z.string().regex(/^\d{1,20}$/),
    type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    token: z.string().min(1),
    version: z.literal(1),
  })
  .loose()
  .refine((i) => i.type === 1 || typeof i.member === 'object' || typeof i.user === 'object', {
    message: 'an interaction other than PING needs a member or a user',
  })
  .refine((i) => i.type === 1 || typeof i.data === 'object', { message: 'an interaction needs data' });
