/**
 * Short-lived signed download links for exports too large to attach. The signature is an HMAC over the
 * guild, backup and expiry, keyed by EXPORT_SIGNING_SECRET (or, when unset, a key derived from the bot
 * token, so resetting the token also kills every outstanding link).
 */
export const EXPORT_LINK_TTL_MS = 15 * 60 * 1000;

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(`edgeward-export:${secret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

const message = (guildId: string, backupId: string, exp: number) =>
  new TextEncoder().encode(`${guildId}/${backupId}/${exp}`);
const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

export async function signExportLink(
  origin: string,
  secret: string,
  guildId: string,
  backupId: string,
  nowMs = Date.now(),
) {
  const exp = Math.floor((nowMs + EXPORT_LINK_TTL_MS) / 1000);
  const sig = hex(await crypto.subtle.sign('HMAC', await hmacKey(secret), message(guildId, backupId, exp)));
  return { url: `${origin}/exports/${guildId}/${backupId}?exp=${exp}&sig=${sig}`, expiresAtMs: exp * 1000 };
}

export async function verifyExportLink(
  secret: string,
  guildId: string,
  backupId: string,
  exp: string | undefined,
  sig: string | undefined,
  nowMs = Date.now(),
): Promise<'ok' | 'expired' | 'invalid'> {
  if (!exp || !sig || !/^\d+$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return 'invalid';
  const bytes = new Uint8Array(sig.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  const valid = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    bytes,
    message(guildId, backupId, Number(exp)),
  );
  if (!valid) return 'invalid';
  return Number(exp) * 1000 < nowMs ? 'expired' : 'ok';
}
