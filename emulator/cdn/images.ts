import { deflateSync } from 'node:zlib';

/**
 * Tiny, valid, deterministic images for the CDN: the same seed (object kind, id and hash) always gives the same
 * bytes, and different objects get different colours. PNG 16×16 (APNG with two frames when animated), GIF 1×1
 * (two frames when animated), lossless WebP 1×1, and Lottie JSON for Lottie stickers. No JPEG.
 */
type Rgb = [number, number, number];

function hash32(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Two colours derived from the seed. */
export function seedColors(seed: string): [Rgb, Rgb] {
  const a = hash32(seed);
  const b = hash32(`${seed}#2`);
  return [
    [(a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff],
    [(b >>> 16) & 0xff, (b >>> 8) & 0xff, b & 0xff],
  ];
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

const SIZE = 16;

/** Deflated RGB scanlines of a 16×16 image in diagonal stripes of the two colours. */
function frameData([c1, c2]: [Rgb, Rgb], phase: number): Buffer {
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 3));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 3);
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b] = ((x + y + phase) & 4) === 0 ? c1 : c2;
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  return deflateSync(raw);
}

function frameControl(sequence: number): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt32BE(sequence, 0);
  b.writeUInt32BE(SIZE, 4);
  b.writeUInt32BE(SIZE, 8);
  b.writeUInt16BE(1, 20); // delay 1/2 s
  b.writeUInt16BE(2, 22);
  return b;
}

export function png(seed: string, animated = false): Uint8Array {
  const colors = seedColors(seed);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (animated) {
    parts.push(chunk('acTL', Buffer.concat([u32(2), u32(0)])), chunk('fcTL', frameControl(0)));
    parts.push(chunk('IDAT', frameData(colors, 0)), chunk('fcTL', frameControl(1)));
    parts.push(chunk('fdAT', Buffer.concat([u32(2), frameData(colors, 4)])));
  } else {
    parts.push(chunk('IDAT', frameData(colors, 0)));
  }
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return new Uint8Array(Buffer.concat(parts));
}

/** 1×1 GIF89a with a two-colour table; animated: two frames (pixel index 0, then 1), looping. */
export function gif(seed: string, animated = false): Uint8Array {
  const [c1, c2] = seedColors(seed);
  const bytes: number[] = [...Buffer.from('GIF89a', 'latin1'), 1, 0, 1, 0, 0x80, 0, 0, ...c1, ...c2];
  // LZW with minimum code size 2: clear (4), the index, end (5), packed LSB first in 3-bit codes.
  const frame = (index: number) => [
    ...[0x21, 0xf9, 0x04, 0x00, 50, 0, 0, 0], // graphic control: 0.5 s
    ...[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0],
    ...[0x02, 0x02, index === 0 ? 0x44 : 0x4c, 0x01, 0x00],
  ];
  if (animated) {
    bytes.push(0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0, 0, 0x00);
    bytes.push(...frame(0), ...frame(1));
  } else {
    bytes.push(...frame(0));
  }
  bytes.push(0x3b);
  return new Uint8Array(bytes);
}

/** 1×1 lossless WebP (VP8L) of the first colour: five single-symbol prefix codes, so no pixel bits at all. */
export function webp(seed: string): Uint8Array {
  const [[r, g, b]] = seedColors(seed);
  const bits: [number, number][] = [
    [0, 14], // width - 1
    [0, 14], // height - 1
    [0, 1], // alpha not used
    [0, 3], // version
    [0, 1], // no transform
    [0, 1], // no colour cache
    [0, 1], // no meta prefix codes
  ];
  for (const symbol of [g, r, b, 255, 0]) bits.push([1, 1], [0, 1], [1, 1], [symbol, 8]);
  const out: number[] = [0x2f];
  let acc = 0;
  let used = 0;
  for (const [value, width] of bits) {
    for (let i = 0; i < width; i++) {
      acc |= ((value >>> i) & 1) << used;
      used += 1;
      if (used === 8) {
        out.push(acc);
        acc = 0;
        used = 0;
      }
    }
  }
  if (used > 0) out.push(acc);
  const data = Buffer.from(out);
  const padded = data.length % 2 === 1 ? Buffer.concat([data, Buffer.from([0])]) : data;
  const le = (n: number) => {
    const x = Buffer.alloc(4);
    x.writeUInt32LE(n);
    return x;
  };
  const vp8l = Buffer.concat([Buffer.from('VP8L', 'latin1'), le(data.length), padded]);
  return new Uint8Array(
    Buffer.concat([Buffer.from('RIFF', 'latin1'), le(4 + vp8l.length), Buffer.from('WEBP', 'latin1'), vp8l]),
  );
}

/** A one-second Lottie animation: a solid layer in the sticker's colour (320×320, as sticker uploads). */
export function lottie(seed: string, name: string): Uint8Array {
  const [c1] = seedColors(seed);
  const hex = `#${c1.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const still = (k: unknown) => ({ a: 0, k });
  const animation = {
    v: '5.7.4',
    fr: 30,
    ip: 0,
    op: 30,
    w: 320,
    h: 320,
    nm: name,
    ddd: 0,
    assets: [],
    layers: [
      {
        ddd: 0,
        ind: 1,
        ty: 1,
        nm: 'fill',
        sr: 1,
        ks: {
          o: still(100),
          r: still(0),
          p: still([160, 160, 0]),
          a: still([160, 160, 0]),
          s: still([100, 100, 100]),
        },
        ao: 0,
        sw: 320,
        sh: 320,
        sc: hex,
        ip: 0,
        op: 30,
        st: 0,
        bm: 0,
      },
    ],
  };
  return new Uint8Array(Buffer.from(JSON.stringify(animation), 'utf8'));
}
