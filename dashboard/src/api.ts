/**
 * The worker's JSON API at relative `/api/*` URLs (docs/dashboard-api.md). Every state-changing request
 * carries the CSRF token from `GET /api/me`; errors become `ApiError` with the server's message, `fields`,
 * `retryAfter`, `problems` and the whole body. A 401 anywhere also calls the handler set by `onUnauthorized`
 * (back to the landing page). `download` fetches a file (an export) the same way, so a refusal can be shown.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
    readonly retryAfter: number | null = null,
    /** What a failed verification found (a 409 from the export). */
    readonly problems: string[] = [],
    /** The whole error body, for extra members such as the running restore's `jobId` on a 409. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
let unauthorized: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Some values are not valid.',
  401: 'You are not logged in.',
  403: 'You are not allowed to do that.',
  404: 'Not found, or you do not have access to it.',
  409: 'That conflicts with the current state.',
  429: 'Too many requests.',
};

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.', 0);
  }
  if (response.status === 204) return undefined as T;
  const data = await readJson(response);
  if (response.ok) return data as T;
  const error = errorFrom(response, data);
  if (error.status === 401) unauthorized();
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorFrom(response: Response, data: unknown): ApiError {
  const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown> & {
    error?: unknown;
    fields?: unknown;
    retryAfter?: unknown;
    problems?: unknown;
  };
  const status = response.status;
  const message =
    typeof body.error === 'string' && body.error
      ? body.error
      : (DEFAULT_MESSAGES[status] ?? `The server answered ${status}.`);
  const fields =
    body.fields && typeof body.fields === 'object' ? (body.fields as Record<string, string>) : {};
  const header = Number(response.headers.get('retry-after'));
  const retryAfter =
    typeof body.retryAfter === 'number'
      ? body.retryAfter
      : Number.isFinite(header) && header > 0
        ? header
        : null;
  const problems = Array.isArray(body.problems) ? body.problems.map(String) : [];
  return new ApiError(message, status, fields, retryAfter, problems, body);
}

/** One sentence for the user: the server's message, with the wait time on a 429. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 429 && error.retryAfter !== null)
    return `${error.message} Try again in ${Math.ceil(error.retryAfter)} s.`;
  return error.message;
}

/**
 * A file from the API (GET with the session cookie), with its name from `content-disposition`. Errors are
 * read as JSON like any other call's.
 */
export async function download(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.', 0);
  }
  if (!response.ok) {
    const error = errorFrom(response, await readJson(response));
    if (error.status === 401) unauthorized();
    throw error;
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1]?.trim() || fallbackName;
  return { blob: await response.blob(), name };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** `/api/guilds/<id>` plus the rest, with the id escaped. */
export function guildPath(guildId: string, rest = ''): string {
  return `/api/guilds/${encodeURIComponent(guildId)}${rest}`;
}
