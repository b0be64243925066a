/** Injected server errors: the next `count` requests matching method and path get `status`. */
export interface Fault {
  method?: string;
  path: string;
  status: number;
  count: number;
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
