/**
 * Injected server errors: the next `count` requests matching method and path get `status`. With `applyFirst` the
 * request is handled normally first (the write happens) and only then answered with `status`, or, with `drop`, the
 * connection is closed without an answer: a client that crashed "after Discord did it, before it recorded it".
 */
export interface Fault {
  method?: string;
  path: string;
  status: number;
  count: number;
  applyFirst?: boolean;
  drop?: boolean;
}

export class Faults {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  reset(): void {
    this.faults = [];
  }

  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.count > 0 && path.includes(f.path) && (!f.method || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }
}
