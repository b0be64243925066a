import { REQUEST_LIMIT_BYTES, tooLarge, UPLOAD_LIMIT_BYTES, type UploadedFile } from '../attachments';
import { type ApiError, errors } from '../http';

/**
 * Request bodies: `application/json`, or `multipart/form-data` with a `payload_json` part (the JSON body) and
 * `files[n]` parts (`developers/reference.mdx`, "Uploading Files"). Without `payload_json`, other form fields are
 * the body's fields. Errors are kept until the pipeline reaches the body (after auth and rate limits).
 */
export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
  /** Other file parts by field name (e.g. the sticker upload's `file`). */
  namedFiles?: Record<string, UploadedFile>;
  error?: ApiError;
  /**
   * An `application/x-www-form-urlencoded` body: only routes that take forms (the OAuth2 token routes) read it;
   * for the others it is the 50035 `CONTENT_TYPE_INVALID` error, as before.
   */
  form?: URLSearchParams;
  /** For the request log: the JSON body (parsed), or the raw text. */
  logBody: unknown;
  logFiles?: { name: string; filename: string; content_type: string; size: number }[];
}

const FILE_FIELD = /^files\[(\d+)\]$/;

export async function parseRequestBody(
  method: string,
  raw: Buffer,
  contentType: string | undefined,
): Promise<ParsedBody> {
  const type = contentType?.toLowerCase() ?? '';
  if (type.startsWith('multipart/form-data')) return parseMultipart(method, raw, contentType ?? '');
  const text = raw.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded') && method !== 'GET' && method !== 'DELETE') {
    const form = new URLSearchParams(text);
    return { body: undefined, files: [], form, logBody: formForLog(form), error: contentTypeError() };
  }
  const logBody = parseForLog(text);
  if (method === 'GET' || method === 'DELETE' || text.trim() === '')
    return { body: undefined, files: [], logBody };
  if (!type.includes('application/json'))
    return { body: undefined, files: [], logBody, error: contentTypeError() };
  try {
    return { body: JSON.parse(text) as unknown, files: [], logBody };
  } catch {
    return { body: undefined, files: [], logBody, error: errors.invalidJson() };
  }
}

async function parseMultipart(method: string, raw: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return {
      body: undefined,
      files: [],
      logBody: null,
      error: errors.invalidFormBody({
        _errors: [
          { code: 'MULTIPART_INVALID', message: 'The multipart/form-data body could not be parsed.' },
        ],
      }),
    };
  }
  const files: UploadedFile[] = [];
  const namedFiles: Record<string, UploadedFile> = {};
  const fields: Record<string, unknown> = {};
  let payload: string | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' && name !== 'payload_json') {
      const match = FILE_FIELD.exec(name);
      const file = {
        index: match ? String(Number(match[1])) : name,
        filename: value.name,
        contentType: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      };
      if (match) files.push(file);
      else namedFiles[name] = file;
    } else if (name === 'payload_json') {
      payload = typeof value === 'string' ? value : await value.text();
    } else if (typeof value === 'string') {
      fields[name] = fieldValue(name, value);
    }
  }
  const named = Object.values(namedFiles);
  const logFiles = [...files.map((f) => ({ ...f, index: `files[${f.index}]` })), ...named].map((f) => ({
    name: f.index,
    filename: f.filename,
    content_type: f.contentType,
    size: f.bytes.byteLength,
  }));
  const base = { files, logFiles, ...(named.length > 0 ? { namedFiles } : {}) };
  let body: unknown = fields;
  if (payload !== undefined) {
    try {
      body = JSON.parse(payload) as unknown;
    } catch {
      return { ...base, body: undefined, logBody: payload, error: errors.invalidJson() };
    }
  }
  const oversize =
    raw.byteLength > REQUEST_LIMIT_BYTES ||
    [...files, ...named].some((f) => f.bytes.byteLength > UPLOAD_LIMIT_BYTES);
  if (oversize) return { ...base, body: undefined, logBody: body, error: tooLarge() };
  return { ...base, body: method === 'GET' || method === 'DELETE' ? undefined : body, logBody: body };
}

/**
 * Form fields without `payload_json`: `content` and `nonce` stay strings; objects, arrays, booleans, `null` and safe
 * integers are parsed (snowflakes stay strings).
 */
function fieldValue(name: string, value: string): unknown {
  if (name === 'content' || name === 'nonce') return value;
  const trimmed = value.trim();
  if (/^-?\d+$/.test(trimmed)) return Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : value;
  if (/^(?:[[{]|true$|false$|null$)/.test(trimmed)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function contentTypeError(): ApiError {
  return errors.invalidFormBody({
    _errors: [
      {
        code: 'CONTENT_TYPE_INVALID',
        message: `Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.`,
      },
    ],
  });
}

/** OAuth2 credentials in a form are logged as their last 4 characters (as `GET /__emulator/oauth/state` shows them). */
const SECRET_FIELDS = new Set(['client_secret', 'code', 'refresh_token', 'token']);

function formForLog(form: URLSearchParams): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    fields[name] = SECRET_FIELDS.has(name) ? `…${value.slice(-4)}` : value;
  }
  return fields;
}

function parseForLog(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
