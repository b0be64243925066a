import { errors } from './http';

/**
 * Collects validation errors into Discord's nested `errors` shape (`developers/reference.mdx`, "Error Messages"):
 * `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`.
 */
export type ErrorPath = (string | number)[];

export class FormErrors {
  private readonly root: Record<string, unknown> = {};
  private count = 0;

  add(path: ErrorPath, code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const k = String(key);
      let next = node[k] as Record<string, unknown> | undefined;
      if (!next) {
        next = {};
        node[k] = next;
      }
      node = next;
    }
    const list = (node._errors as { code: string; message: string }[] | undefined) ?? [];
    list.push({ code, message });
    node._errors = list;
    this.count += 1;
  }

  maxLength(path: ErrorPath, value: unknown, max: number): void {
    if (typeof value === 'string' && [...value].length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  maxItems(path: ErrorPath, value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  required(path: ErrorPath, value: unknown): boolean {
    if (value === undefined || value === null || value === '') {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return false;
    }
    return true;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** Throws 400 50035 when anything was collected. */
  throwIfAny(): void {
    if (this.count > 0) throw errors.invalidFormBody(this.root);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
