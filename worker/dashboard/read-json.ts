import type { Context } from 'hono';
import type { z } from 'zod';

const MAX_BODY = 64 * 1024;

/**
 * The request's JSON body validated by `schema`: a 400 naming each bad field otherwise (nothing is written
 * on bad input).
 */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  const text = await c.req.text();
  if (text.length > MAX_BODY)
    return { ok: false, response: c.json({ error: 'The request is too large.' }, 400) };
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    return { ok: false, response: c.json({ error: 'The request body is not JSON.' }, 400) };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
  return { ok: false, response: c.json({ error: 'Check the highlighted fields.', fields }, 400) };
}
