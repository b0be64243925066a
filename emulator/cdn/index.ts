import type { IncomingMessage } from 'node:http';
import { servedFile } from '../attachments';
import type { EmulatorContext } from '../context';
import type { Reply } from '../http';
import { authKind } from '../rest/index';
import type { GuildRecord } from '../state';
import { gif, lottie, png, webp } from './images';

/**
 * The CDN under `/cdn`, with Discord's paths (`developers/reference.mdx`, "Image Formatting"). An image exists only
 * while its object does (and, for hashed images, while the hash is current): deleted emojis, stickers and roles, and
 * replaced icons, answer 404. Message attachments are served at `/attachments/{channel}/{id}/{filename}` while their
 * message has them; files uploaded "as the user" at `/ephemeral-attachments/{app}/{id}/{filename}`. No auth and no
 * rate-limit headers. Every request is logged with `kind: 'cdn'`.
 */
export const CDN_PREFIX = '/cdn';

export function isCdnPath(path: string): boolean {
  return path === CDN_PREFIX || path.startsWith(`${CDN_PREFIX}/`);
}

type Format = 'png' | 'jpg' | 'jpeg' | 'webp' | 'gif' | 'json';
interface Asset {
  seed: string;
  animated: boolean;
  formats: Format[];
  /** APNG stickers: the PNG has two frames. */
  apng?: boolean;
  /** Lottie stickers: the animation's name. */
  lottieName?: string;
}

const CONTENT_TYPES: Record<Format, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  json: 'application/json',
};
const RASTER: Format[] = ['png', 'jpg', 'jpeg', 'webp'];
const WITH_GIF: Format[] = [...RASTER, 'gif'];

function text(status: number, body: string): Reply {
  return { status, body, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
}

/** `hash` must be the object's current hash; `a_` hashes are animated. */
function hashed(
  kind: string,
  ownerId: string,
  current: string | null | undefined,
  hash: string,
  formats: Format[],
) {
  if (!current || current !== hash) return undefined;
  return { seed: `${kind}/${ownerId}/${hash}`, animated: hash.startsWith('a_'), formats };
}

function findAsset(ctx: EmulatorContext, parts: string[], file: string): Asset | undefined {
  const guilds = ctx.store.state.guilds;
  const guild = (id: string | undefined): GuildRecord | undefined => guilds.find((g) => g.id === id);
  const [kind, owner] = parts;
  if (parts.length === 1 && kind === 'emojis') {
    for (const g of guilds) {
      const emoji = g.emojis.find((e) => e.id === file);
      if (emoji) return { seed: `emoji/${emoji.id}`, animated: emoji.animated, formats: WITH_GIF };
    }
    return undefined;
  }
  if (parts.length === 1 && kind === 'stickers') {
    for (const g of guilds) {
      const sticker = g.stickers.find((s) => s.id === file);
      if (!sticker) continue;
      const format = sticker.format_type;
      const formats: Format[] = format === 3 ? ['json'] : format === 4 ? ['gif'] : ['png'];
      const seed = `sticker/${sticker.id}`;
      return { seed, animated: format !== 1, apng: format === 2, formats, lottieName: sticker.name };
    }
    return undefined;
  }
  if (parts.length !== 2 || owner === undefined) return undefined;
  switch (kind) {
    case 'icons':
      return hashed('icon', owner, guild(owner)?.icon, file, WITH_GIF);
    case 'banners':
      return hashed('banner', owner, guild(owner)?.banner, file, WITH_GIF);
    case 'splashes':
      return hashed('splash', owner, guild(owner)?.splash, file, RASTER);
    case 'discovery-splashes':
      return hashed('discovery-splash', owner, guild(owner)?.discovery_splash, file, RASTER);
    case 'role-icons': {
      for (const g of guilds) {
        const role = g.roles.find((r) => r.id === owner);
        if (role) return hashed('role-icon', owner, role.icon, file, RASTER);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function render(asset: Asset, format: Format): Uint8Array {
  switch (format) {
    case 'json':
      return lottie(asset.seed, asset.lottieName ?? 'sticker');
    case 'gif':
      return gif(asset.seed, asset.animated);
    case 'webp':
      return webp(asset.seed);
    default:
      // Animated emojis and `a_` hashes asked for as PNG get a still image, as on Discord; APNG stickers stay APNG.
      return png(asset.seed, asset.apng === true);
  }
}

function answer(ctx: EmulatorContext, method: string, url: URL): Reply {
  if (method !== 'GET' && method !== 'HEAD') return text(405, '405: Method Not Allowed');
  const segments = url.pathname.slice(CDN_PREFIX.length).split('/').filter(Boolean);
  const [kind, owner, id, name] = segments;
  if (kind === 'attachments' || kind === 'ephemeral-attachments') {
    const file =
      segments.length === 4 && owner && id && name
        ? servedFile(ctx, kind, owner, id, decode(name))
        : undefined;
    if (!file) return text(404, '404: Not Found');
    return { status: 200, body: file.bytes, headers: { 'Content-Type': file.contentType } };
  }
  const last = segments.pop();
  const match = last ? /^([^.]+)\.([a-z]+)$/.exec(last) : null;
  if (!match) return text(404, '404: Not Found');
  const [, file, ext] = match as unknown as [string, string, string];
  const asset = findAsset(ctx, segments, file);
  if (!asset) return text(404, '404: Not Found');
  const format = ext as Format;
  if (!(format in CONTENT_TYPES) || !asset.formats.includes(format))
    return text(415, '415: Unsupported Media Type');
  const size = url.searchParams.get('size');
  if (size !== null) {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 16 || n > 4096 || (n & (n - 1)) !== 0)
      return text(400, '400: Bad Request');
  }
  // Uploaded by the bot: the uploaded bytes, whatever extension is asked for (the emulator does not convert).
  const uploaded = ctx.images.get(asset.seed);
  if (uploaded)
    return { status: 200, body: uploaded.bytes, headers: { 'Content-Type': uploaded.contentType } };
  if (format === 'jpg' || format === 'jpeg')
    return text(415, '415: Unsupported Media Type (no JPEG in the emulator)');
  return {
    status: 200,
    body: render(asset, format),
    headers: { 'Content-Type': CONTENT_TYPES[format], 'Cache-Control': 'public, max-age=31536000' },
  };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function handleCdn(ctx: EmulatorContext, req: IncomingMessage, url: URL): Reply {
  const method = (req.method ?? 'GET').toUpperCase();
  const reply = answer(ctx, method, url);
  ctx.log.add({
    kind: 'cdn',
    method,
    path: url.pathname,
    query: url.search,
    status: reply.status,
    auth: authKind(ctx, req.headers.authorization),
    at: ctx.clock.now(),
    body: null,
  });
  return reply;
}
