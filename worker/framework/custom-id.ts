/**
 * Typed, stateless custom ids. A pattern such as `help.page/:category/:page` names a component handler
 * (`help.page`) and its parameters. The encoded id carries the handler key, the user allowed to use it
 * (or `*`), an expiry, and the parameters, so routing needs no in-memory state:
 *
 *   help.page/1300000000000001001/m0x1kz/Settings/2
 */
export type ParamsOf<P extends string> = P extends `${string}/:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & ParamsOf<`/${Rest}`>
  : P extends `${string}/:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>;

export const CUSTOM_ID_MAX = 100;
export const ANYONE = '*';

export function patternKey(pattern: string): string {
  return pattern.split('/')[0] ?? pattern;
}

export function patternParams(pattern: string): string[] {
  return pattern
    .split('/')
    .slice(1)
    .map((p) => p.replace(/^:/, ''));
}

export interface EncodeInput {
  owner: string;
  expiresAtMs: number | null;
  params: Record<string, string>;
}

export function encodeCustomId(pattern: string, input: EncodeInput): string {
  const expiry = input.expiresAtMs === null ? '0' : Math.ceil(input.expiresAtMs / 1000).toString(36);
  const values = patternParams(pattern).map((name) => {
    const value = input.params[name];
    if (value === undefined) throw new Error(`custom id ${pattern}: missing parameter ${name}`);
    return encodeURIComponent(value);
  });
  const id = [patternKey(pattern), input.owner, expiry, ...values].join('/');
  if (id.length > CUSTOM_ID_MAX)
    throw new Error(`custom id too long (${id.length} > ${CUSTOM_ID_MAX}): ${id}`);
  return id;
}

export interface DecodedCustomId {
  key: string;
  owner: string;
  expiresAtMs: number | null;
  values: string[];
}

export function decodeCustomId(id: string): DecodedCustomId | null {
  const parts = id.split('/');
  if (parts.length < 3) return null;
  const [key, owner, expiry, ...rest] = parts as [string, string, string, ...string[]];
  const seconds = Number.parseInt(expiry, 36);
  if (!key || !owner || Number.isNaN(seconds)) return null;
  try {
    return {
      key,
      owner,
      expiresAtMs: seconds === 0 ? null : seconds * 1000,
      values: rest.map((v) => decodeURIComponent(v)),
    };
  } catch {
    return null;
  }
}

export function paramsFromValues(pattern: string, values: string[]): Record<string, string> | null {
  const names = patternParams(pattern);
  if (names.length !== values.length) return null;
  return Object.fromEntries(names.map((n, i) => [n, values[i] as string]));
}
