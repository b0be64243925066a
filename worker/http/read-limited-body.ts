export const MAX_INTERACTION_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes. Returns null as soon as the declared length or the bytes
 * actually received pass the limit, without reading the rest.
 */
export async function readLimitedBody(
  req: Request,
  limit = MAX_INTERACTION_BODY_BYTES,
): Promise<Uint8Array | null> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
