import { sha256Hex } from './canonical-json';
import type { AssetRef } from './snapshot-schema';

export const assetKey = (sha256: string) => `assets/${sha256}`;

/**
 * Fetches an image from the CDN and stores it once in R2 under its SHA-256, so identical images across
 * backups (and guilds) are stored once. Returns null (and a warning) when the CDN does not have it.
 */
export async function storeAsset(
  bucket: R2Bucket,
  url: string,
  warnings: string[],
  what: string,
): Promise<AssetRef | null> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    warnings.push(`${what}: the image could not be downloaded (${(error as Error).message})`);
    return null;
  }
  if (!res.ok) {
    warnings.push(`${what}: the image could not be downloaded (HTTP ${res.status})`);
    await res.body?.cancel();
    return null;
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  const contentType = res.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream';
  const key = assetKey(sha256);
  if (!(await bucket.head(key))) {
    await bucket.put(key, bytes, { sha256, httpMetadata: { contentType } });
  }
  return { sha256, contentType, size: bytes.byteLength };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}
