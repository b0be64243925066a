/**
 * Removes what looks like a credential from text shown to people or given to a model: Discord bot tokens,
 * bearer/authorization values, `key=value` pairs whose key names a secret, long hex or base64 runs, and
 * the exact values the caller passes (the deployment's real secrets). Snowflakes (17–20 digits) stay.
 */
const PATTERNS: RegExp[] = [
  // Discord bot tokens: base64 user id . timestamp . HMAC.
  /\b[A-Za-z0-9_-]{20,30}\.[A-Za-z0-9_-]{5,8}\.[A-Za-z0-9_-]{25,45}\b/g,
  /\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\b([A-Za-z_]*(?:token|secret|password|passwd|api[_-]?key|private[_-]?key|client[_-]?secret)[A-Za-z_]*)\s*[:=]\s*["']?[^\s"'`,;]{6,}/gi,
  // Long hex (keys, hashes) and long base64-ish runs with mixed case and digits.
  /\b[0-9a-fA-F]{32,}\b/g,
  /\b(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{32,}={0,2}/g,
];

export const REDACTED = '[redacted]';

export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, key: unknown) =>
      typeof key === 'string' && /[:=]/.test(match) && !/^(Bearer|Bot)$/i.test(key)
        ? `${key}=${REDACTED}`
        : REDACTED,
    );
  }
  return out;
}

/** One line of an error's message (never its stack), redacted and cut to `max` characters. */
export function errorLine(
  error: unknown,
  knownSecrets: readonly (string | undefined)[] = [],
  max = 200,
): string {
  const raw =
    error instanceof Error
      ? error.message
      : typeof error === 'string'
        ? error
        : error == null
          ? ''
          : String(error);
  const first = raw.split('\n').find((line) => line.trim() !== '') ?? '';
  const line = redactSecrets(first.trim(), knownSecrets);
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  const text = `${name}${line}` || 'failed without a message';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
