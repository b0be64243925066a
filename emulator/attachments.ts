import { type APIAttachment, AttachmentFlags } from 'discord-api-types/v10';
import type { EmulatorContext } from './context';
import { FormErrors, isRecord } from './form-errors';
import { ApiError, ControlError } from './http';
import type { MessageRecord } from './state';

/**
 * Message attachments (`developers/reference.mdx`, "Uploading Files"; `developers/resources/message.mdx`,
 * "Attachment Object"): the bytes of uploaded files, the attachment objects stored on messages, and the rules that
 * turn a request's `attachments` array plus its `files[n]` parts into a message's attachments.
 */
export const MAX_ATTACHMENTS = 10;
/** Discord's default upload limit; it "applies to each file in a request". */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** "The maximum request size when sending a message is 25 MiB". */
export const REQUEST_LIMIT_BYTES = 25 * 1024 * 1024;

/** A `files[n]` part of a multipart request. */
export interface UploadedFile {
  /** The `n` of `files[n]`: the placeholder id the `attachments` array refers to. */
  index: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The bytes behind an attachment's CDN url. */
export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
  /** Message attachments: served at `/cdn/attachments/{channelId}/{id}/{filename}` while the message has it. */
  channelId?: string;
  messageId?: string;
  /** Uploaded "as the user" (interaction options): `/cdn/ephemeral-attachments/{app}/{id}/{filename}`. */
  ephemeral?: boolean;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  put(file: StoredFile): void {
    this.files.set(file.id, file);
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  delete(id: string): void {
    this.files.delete(id);
  }

  reset(): void {
    this.files.clear();
  }
}

export function tooLarge(): ApiError {
  return new ApiError(413, 40005, 'Request entity too large');
}

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  pdf: 'application/pdf',
};

/** The part's content type, else one guessed from the extension, else `application/octet-stream`. */
export function contentTypeFor(filename: string, given: string | undefined): string {
  if (given) return given;
  const ext = filename.includes('.') ? filename.slice(filename.lastIndexOf('.') + 1).toLowerCase() : '';
  return EXTENSION_TYPES[ext] ?? 'application/octet-stream';
}

export function attachmentUrl(ctx: EmulatorContext, file: StoredFile): string {
  const name = encodeURIComponent(file.filename);
  return file.channelId
    ? `${ctx.url}/cdn/attachments/${file.channelId}/${file.id}/${name}`
    : `${ctx.url}/cdn/ephemeral-attachments/${ctx.store.applicationId}/${file.id}/${name}`;
}

function attachmentObject(
  ctx: EmulatorContext,
  file: StoredFile,
  meta: Record<string, unknown> = {},
): APIAttachment {
  const url = attachmentUrl(ctx, file);
  const attachment: APIAttachment = {
    id: file.id,
    filename: file.filename,
    size: file.bytes.byteLength,
    url,
    proxy_url: url,
    content_type: file.contentType,
  };
  return withMeta(attachment, meta, file.ephemeral === true);
}

/** `title`, `description` and `is_spoiler` (→ flag IS_SPOILER) from an attachment request entry. */
function withMeta(
  attachment: APIAttachment,
  meta: Record<string, unknown>,
  ephemeral: boolean,
): APIAttachment {
  const out: APIAttachment = { ...attachment };
  if (typeof meta.title === 'string') out.title = meta.title;
  if (typeof meta.description === 'string') out.description = meta.description;
  if (typeof meta.is_spoiler === 'boolean') {
    const flags = (out.flags ?? 0) & ~AttachmentFlags.IsSpoiler;
    out.flags = meta.is_spoiler ? flags | AttachmentFlags.IsSpoiler : flags;
  }
  if (ephemeral) out.ephemeral = true;
  return out;
}

/** A message body whose `attachments` are final attachment objects, and the files to store once it is saved. */
export interface PreparedMessage {
  data: Record<string, unknown>;
  uploads: StoredFile[];
}

export interface AttachmentTarget {
  channelId: string;
  /** Edits: the message's current attachments (kept by id when listed; all kept when `attachments` is absent). */
  existing?: APIAttachment[];
  edit: boolean;
}

/**
 * Resolves `attachments` (request entries: `id` = the `n` of a `files[n]` part, or on edits the id of an attachment
 * to keep) and the uploaded files into attachment objects. Creating attaches every uploaded file; editing appends
 * uploads only when `attachments` is absent or lists them, and drops existing attachments it does not list.
 * Unknown ids → 400 50035 `ATTACHMENT_NOT_FOUND`; more than 10 → 400 30015.
 */
export function prepareAttachments(
  ctx: EmulatorContext,
  body: Record<string, unknown>,
  files: UploadedFile[],
  target: AttachmentTarget,
): PreparedMessage {
  const requested = body.attachments;
  if ((requested === undefined || requested === null) && files.length === 0)
    return { data: body, uploads: [] };
  if (files.length > MAX_ATTACHMENTS) throw maxAttachments();
  const form = new FormErrors();
  const byIndex = new Map(files.map((f) => [f.index, f]));
  const used = new Set<string>();
  const uploads: StoredFile[] = [];
  const result: APIAttachment[] = [];
  const upload = (file: UploadedFile, meta: Record<string, unknown>) => {
    used.add(file.index);
    const filename =
      typeof meta.filename === 'string' && meta.filename !== '' ? meta.filename : file.filename;
    const stored: StoredFile = {
      id: ctx.newId(),
      filename,
      contentType: contentTypeFor(filename, file.contentType),
      bytes: file.bytes,
      channelId: target.channelId,
    };
    uploads.push(stored);
    result.push(attachmentObject(ctx, stored, meta));
  };
  if (Array.isArray(requested)) {
    requested.forEach((entry: unknown, i: number) => {
      if (!isRecord(entry)) {
        form.add(['attachments', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
        return;
      }
      if (!form.required(['attachments', i, 'id'], entry.id)) return;
      form.maxLength(['attachments', i, 'filename'], entry.filename, 1024);
      form.maxLength(['attachments', i, 'description'], entry.description, 1024);
      const id = String(entry.id);
      const file = byIndex.get(id);
      const kept = target.edit ? target.existing?.find((a) => a.id === id) : undefined;
      if (file && !used.has(id)) upload(file, entry);
      else if (kept) result.push(withMeta(kept, entry, kept.ephemeral === true));
      else form.add(['attachments', i], 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
    });
    if (!target.edit) for (const file of files) if (!used.has(file.index)) upload(file, {});
  } else {
    if (target.edit) result.push(...structuredClone(target.existing ?? []));
    for (const file of files) upload(file, {});
  }
  form.throwIfAny();
  if (result.length > MAX_ATTACHMENTS) throw maxAttachments();
  return { data: { ...body, attachments: result }, uploads };
}

function maxAttachments(): ApiError {
  return new ApiError(400, 30015, `Maximum number of attachments in a message reached (${MAX_ATTACHMENTS})`);
}

/** Stores the uploaded bytes once the message holding them exists. */
export function commitUploads(ctx: EmulatorContext, uploads: StoredFile[], message: MessageRecord): void {
  for (const upload of uploads) ctx.files.put({ ...upload, messageId: message.message.id });
}

/** `POST /__emulator/attachments`: a file uploaded "as the user", for attachment (type 11) command options. */
export function uploadAsUser(ctx: EmulatorContext, body: unknown): APIAttachment {
  if (!isRecord(body) || typeof body.filename !== 'string' || body.filename === '')
    throw new ControlError(400, 'body needs {filename, data_base64, content_type?}');
  if (typeof body.data_base64 !== 'string') throw new ControlError(400, 'body needs data_base64 (a string)');
  const bytes = new Uint8Array(Buffer.from(body.data_base64, 'base64'));
  if (bytes.byteLength > UPLOAD_LIMIT_BYTES)
    throw new ControlError(400, `file is larger than the upload limit (${UPLOAD_LIMIT_BYTES} bytes)`);
  const given = typeof body.content_type === 'string' ? body.content_type : undefined;
  const file: StoredFile = {
    id: ctx.newId(),
    filename: body.filename,
    contentType: contentTypeFor(body.filename, given),
    bytes,
    ephemeral: true,
  };
  ctx.files.put(file);
  return attachmentObject(ctx, file);
}

/** The attachment object of a stored file (interaction `resolved.attachments`); `undefined` when unknown. */
export function storedAttachment(ctx: EmulatorContext, id: string): APIAttachment | undefined {
  const file = ctx.files.get(id);
  return file ? attachmentObject(ctx, file) : undefined;
}

/** The file behind a CDN attachment path, while it is still attached (message attachments) or stored (ephemeral). */
export function servedFile(
  ctx: EmulatorContext,
  kind: 'attachments' | 'ephemeral-attachments',
  owner: string,
  id: string,
  filename: string,
): StoredFile | undefined {
  const file = ctx.files.get(id);
  if (!file || file.filename !== filename) return undefined;
  if (kind === 'ephemeral-attachments')
    return file.ephemeral && owner === ctx.store.applicationId ? file : undefined;
  if (file.channelId !== owner || !file.messageId) return undefined;
  const message = ctx.store.message(file.channelId, file.messageId);
  if (!message?.message.attachments.some((a) => a.id === id)) return undefined;
  return file;
}
