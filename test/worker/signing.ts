/** A throwaway Ed25519 key pair inside workerd, for tests that must sign arbitrary bodies. */
export async function testKeyPair() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const publicKey = [...raw].map((b) => b.toString(16).padStart(2, '0')).join('');
  async function sign(body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
    const sig = new Uint8Array(
      await crypto.subtle.sign('Ed25519', pair.privateKey, new TextEncoder().encode(timestamp + body)),
    );
    return {
      'x-signature-ed25519': [...sig].map((b) => b.toString(16).padStart(2, '0')).join(''),
      'x-signature-timestamp': timestamp,
      'content-type': 'application/json',
    };
  }
  return { publicKey, sign };
}
