import type { Ref } from './plan-types';

export class UnresolvedRef extends Error {
  constructor(readonly ref: string) {
    super(`depends on ${ref}, which was not created`);
    this.name = 'UnresolvedRef';
  }
}

const isRef = (v: unknown): v is Ref =>
  !!v &&
  typeof v === 'object' &&
  'ref' in v &&
  typeof (v as Ref).ref === 'string' &&
  Object.keys(v).length === 1;

/** Replaces every `{ref: 'kind:sourceId'}` in an operation's payload with the id it was created as. */
export function resolveRefs<T>(value: T, idMap: ReadonlyMap<string, string>): T {
  if (isRef(value)) {
    const sourceId = value.ref.split(':')[1] ?? '';
    const target = idMap.get(sourceId);
    if (!target) throw new UnresolvedRef(value.ref);
    return target as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, idMap)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, idMap)])) as T;
  }
  return value;
}
