import { errors } from '../http';

/**
 * Query string parameters checked like Discord does: a bad value is a 400 50035 with the parameter's name as the
 * error key (`NUMBER_TYPE_COERCE`, `NUMBER_TYPE_MIN`, `NUMBER_TYPE_MAX`).
 */
function fail(name: string, code: string, message: string): never {
  throw errors.invalidFormBody({ [name]: { _errors: [{ code, message }] } });
}

export function intParam(
  query: URLSearchParams,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const raw = query.get(name);
  if (raw === null) return bounds.fallback;
  if (!/^-?\d+$/.test(raw.trim())) fail(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not int.`);
  const value = Number(raw);
  if (value < bounds.min)
    fail(name, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${bounds.min}.`);
  if (value > bounds.max)
    fail(name, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${bounds.max}.`);
  return value;
}

/** A snowflake parameter, normalized to its decimal string (no leading zeros); `undefined` when absent. */
export function snowflakeParam(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d{1,20}$/.test(raw) || BigInt(raw) > 0xffffffffffffffffn) {
    fail(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not snowflake.`);
  }
  return BigInt(raw).toString();
}
