import type { UploadedFile } from '../attachments';
import type { UploadedImage } from '../cdn/uploads';
import { FormErrors } from '../form-errors';
import { errors } from '../http';
import type { GuildRecord, StickerRecord } from '../state';

/**
 * The multipart body of Create Guild Sticker (`developers/resources/sticker.mdx`): form fields `name` (2–30),
 * `description` (empty or 2–100), `tags` (required, ≤200) and the file part `file` (PNG, APNG, GIF or Lottie JSON,
 * ≤512 KiB, else 50138). The format comes from the file: PNG with an `acTL` chunk → APNG (2), PNG (1), GIF (4),
 * JSON → Lottie (3), which only VERIFIED or PARTNERED guilds may upload; anything else → 400 50046.
 */
export const MAX_STICKER_BYTES = 512 * 1024;

export interface StickerUpload {
  fields: Pick<StickerRecord, 'name' | 'description' | 'tags' | 'format_type'>;
  image: UploadedImage;
}

function formatOf(file: UploadedFile): { format: number; contentType: string } | undefined {
  const bytes = Buffer.from(file.bytes);
  const type = file.contentType.toLowerCase();
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { format: bytes.includes(Buffer.from('acTL', 'latin1')) ? 2 : 1, contentType: 'image/png' };
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return { format: 4, contentType: 'image/gif' };
  if (type.includes('json') || file.filename.toLowerCase().endsWith('.json')) {
    try {
      JSON.parse(bytes.toString('utf8'));
      return { format: 3, contentType: 'application/json' };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function parseStickerUpload(
  guild: GuildRecord,
  data: Record<string, unknown>,
  file: UploadedFile | undefined,
): StickerUpload {
  const form = new FormErrors();
  // Form fields may arrive parsed as numbers; they are strings on Discord's side.
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const name = text(data.name);
  const description = text(data.description) ?? '';
  const tags = text(data.tags);
  if (name === undefined || name.length < 2 || name.length > 30)
    form.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 30 in length.');
  if (description.length > 0 && (description.length < 2 || description.length > 100))
    form.add(['description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.');
  if (tags === undefined || tags.length === 0) form.required(['tags'], tags);
  else form.maxLength(['tags'], tags, 200);
  if (!file) form.required(['file'], undefined);
  form.throwIfAny();
  if (file!.bytes.byteLength > MAX_STICKER_BYTES) throw errors.assetTooLarge(MAX_STICKER_BYTES);
  const format = formatOf(file!);
  if (!format) throw errors.invalidAsset();
  const lottieAllowed = guild.features.includes('VERIFIED') || guild.features.includes('PARTNERED');
  if (format.format === 3 && !lottieAllowed) throw errors.invalidAsset();
  return {
    fields: {
      name: name!,
      description: description === '' ? null : description,
      tags: tags!,
      format_type: format.format,
    },
    image: { bytes: file!.bytes, contentType: format.contentType },
  };
}
