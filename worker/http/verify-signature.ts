const keyCache = new Map<string, Promise<CryptoKey>>();

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function importKey(publicKeyHex: string): Promise<CryptoKey> {
  let key = keyCache.get(publicKeyHex);
  if (!key) {
    const bytes = hexToBytes(publicKeyHex);
    if (!bytes) return Promise.reject(new Error('public key is not hex'));
    key = crypto.subtle.importKey('raw', bytes, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(publicKeyHex, key);
  }
  return key;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'invalid' };

/**
 * Checks Discord's Ed25519 signature over `timestamp + body`, and that the timestamp is within
 * `maxAgeSeconds` of now in either direction (replay protection).
 */
export async function checkSignature(
  publicKeyHex: string,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  body: Uint8Array,
  maxAgeSeconds: number,
  nowMs = Date.now(),
): Promise<SignatureCheck> {
  if (!signatureHex || !timestamp) return { ok: false, reason: 'missing' };
  const signature = hexToBytes(signatureHex);
  if (signature?.length !== 64 || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'malformed' };
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxAgeSeconds) return { ok: false, reason: 'stale' };
  const prefix = new TextEncoder().encode(timestamp);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix, 0);
  message.set(body, prefix.length);
  const valid = await crypto.subtle.verify('Ed25519', await importKey(publicKeyHex), signature, message);
  return valid ? { ok: true } : { ok: false, reason: 'invalid' };
}
