import { createHash } from 'node:crypto';
import { FormErrors } from '../form-errors';

/**
 * Images the bot uploaded (emoji and sticker files, guild icons, banners, splashes, role icons). The CDN serves
 * these bytes as they are, under the same key as a generated image (`emoji/{id}`, `sticker/{id}`,
 * `icon/{guild}/{hash}`, `role-icon/{role}/{hash}` …), instead of rendering one.
 */
export interface UploadedImage {
  bytes: Uint8Array;
  contentType: string;
}

export class UploadedImages {
  private readonly images = new Map<string, UploadedImage>();

  put(key: string, image: UploadedImage): void {
    this.images.set(key, image);
  }

  get(key: string): UploadedImage | undefined {
    return this.images.get(key);
  }

  delete(key: string): void {
    this.images.delete(key);
  }

  reset(): void {
    this.images.clear();
  }
}

const DATA_URI = /^data:(image\/(?:png|jpeg|jpg|gif|webp|avif));base64,([A-Za-z0-9+/=\s]*)$/;

/**
 * Image data (`developers/reference.mdx`, "Image Data"): `data:image/png;base64,…` (also jpeg, gif, webp, avif).
 * Anything else → 400 50035 `IMAGE_INVALID` at `field`.
 */
export function parseImageData(value: unknown, field: string): UploadedImage {
  const match = typeof value === 'string' ? DATA_URI.exec(value) : null;
  const bytes = match ? new Uint8Array(Buffer.from(match[2]!, 'base64')) : new Uint8Array();
  if (!match || bytes.byteLength === 0) {
    const form = new FormErrors();
    form.add([field], 'IMAGE_INVALID', 'Invalid image data');
    form.throwIfAny();
  }
  const type = match![1]!;
  return { bytes, contentType: type === 'image/jpg' ? 'image/jpeg' : type };
}

/** GIFs with a looping (NETSCAPE2.0) extension and WebPs with an `ANIM` chunk count as animated. */
export function isAnimated(image: UploadedImage): boolean {
  const text = Buffer.from(image.bytes).toString('latin1');
  if (image.contentType === 'image/gif') return text.includes('NETSCAPE2.0');
  if (image.contentType === 'image/webp') return text.includes('ANIM');
  return false;
}

/** A Discord-style image hash (32 hex; `a_` prefix when animated) derived from the bytes. */
export function imageHash(image: UploadedImage): string {
  const hex = createHash('md5').update(image.bytes).digest('hex');
  return isAnimated(image) ? `a_${hex}` : hex;
}
