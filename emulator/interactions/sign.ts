import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';

/**
 * Ed25519 signing as Discord does it for outgoing interactions (`developers/interactions/overview.mdx`):
 * `X-Signature-Ed25519` = hex signature over `timestamp + body`, `X-Signature-Timestamp` = unix seconds.
 */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class SigningKeys {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;
  /** A second key, for `bad_signature: true`. */
  private readonly otherKey: KeyObject;

  constructor(seedHex?: string) {
    this.privateKey = seedHex ? keyFromSeed(seedHex) : generateKeyPairSync('ed25519').privateKey;
    this.otherKey = keyFromSeed(randomBytes(32).toString('hex'));
    const spki = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' });
    this.publicKeyHex = spki.subarray(spki.length - 32).toString('hex');
  }

  sign(timestamp: string, body: string, bad = false): string {
    const key = bad ? this.otherKey : this.privateKey;
    return sign(null, Buffer.from(timestamp + body, 'utf8'), key).toString('hex');
  }
}

function keyFromSeed(seedHex: string): KeyObject {
  const seed = Buffer.from(seedHex, 'hex');
  if (seed.length !== 32) throw new Error('privateKeyHex must be 32 bytes (64 hex characters)');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}
