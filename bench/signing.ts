/**
 * Signed interaction requests for `npm run bench`. Bodies come from the emulator's
 * `POST /__emulator/interactions/build`; for load that must not repeat a user (the `/help` cooldown is 3 per
 * 10 s per user, and the fixture has five users), a built body is re-signed with a fresh synthetic user id,
 * using the key the emulator was started with (`--key`), exactly as the emulator signs: hex Ed25519 over
 * `timestamp + body`, timestamp in unix seconds.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Gives the next request to send; called before the latency clock starts. */
export type RequestSource = () => SignedRequest;

/** A fresh Ed25519 key: the seed for the emulator's `--key`, and the key to re-sign with. */
export function newSigningKey(): { seedHex: string; key: KeyObject } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'jwk' }).d;
  if (!seed) throw new Error('could not export the Ed25519 seed');
  return { seedHex: Buffer.from(seed, 'base64url').toString('hex'), key: privateKey };
}

export function signRequest(key: KeyObject, body: string, nowMs = Date.now()): SignedRequest {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Discord-Interactions/1.0 (+https://discord.com)',
      'X-Signature-Ed25519': sign(null, Buffer.from(timestamp + body, 'utf8'), key).toString('hex'),
      'X-Signature-Timestamp': timestamp,
    },
  };
}

/** Builds and signs one interaction in the emulator; `spec` is the documented build body. */
export async function buildInteraction(emulatorUrl: string, spec: object): Promise<SignedRequest> {
  const res = await fetch(`${emulatorUrl}/__emulator/interactions/build`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  const built = (await res.json()) as { body?: string; headers?: Record<string, string>; error?: string };
  if (!res.ok || !built.body || !built.headers) {
    throw new Error(`interaction build failed (${res.status}): ${built.error ?? JSON.stringify(built)}`);
  }
  return { body: built.body, headers: built.headers };
}

/** Builds `count` interactions per spec and hands them out round-robin (timestamps age: see the caller). */
export async function builtPool(emulatorUrl: string, specs: object[], count: number): Promise<RequestSource> {
  const pool: SignedRequest[] = [];
  for (let i = 0; i < count; i++) {
    for (const spec of specs) pool.push(await buildInteraction(emulatorUrl, spec));
  }
  let next = 0;
  return () => pool[next++ % pool.length]!;
}

/** Synthetic user ids: snowflakes no fixture user has, never repeated within a run. */
let nextSyntheticUser = 1_400_000_000_000_000_000n;

/**
 * Every request is the built guild interaction `template` with `member.user.id` replaced by a new synthetic
 * snowflake, signed now. Nothing else changes: same guild, channel, roles and permissions.
 */
export function distinctUsers(template: SignedRequest, key: KeyObject): RequestSource {
  const interaction = JSON.parse(template.body) as { member?: { user?: { id?: string } } };
  const user = interaction.member?.user;
  if (!user?.id) throw new Error('the template is not a guild interaction with member.user');
  return () => {
    user.id = String(nextSyntheticUser++);
    return signRequest(key, JSON.stringify(interaction));
  };
}
