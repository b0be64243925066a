/**
 * Dependency cycles in a set of extensions. Pure: `edges` maps each extension to the names it depends on
 * (names absent from the map are ignored). A cycle is its path with the first name repeated at the end,
 * e.g. ['a', 'b', 'c', 'a']; a self-dependency is ['a', 'a'].
 */

/** The shortest dependency cycle that goes through `start`, or null when it is on none. */
export function cycleThrough(edges: ReadonlyMap<string, readonly string[]>, start: string): string[] | null {
  const previous = new Map<string, string>();
  const queue: string[] = [];
  for (const next of edges.get(start) ?? []) {
    if (next === start) return [start, start];
    if (edges.has(next) && !previous.has(next)) {
      previous.set(next, start);
      queue.push(next);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i] as string;
    for (const next of edges.get(name) ?? []) {
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = name; at !== undefined && at !== start; at = previous.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, start];
      }
      if (edges.has(next) && !previous.has(next)) {
        previous.set(next, name);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Every extension's shortest cycle, and the distinct cycles among them (each listed once). */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): {
  byExtension: Map<string, string[]>;
  distinct: string[][];
} {
  const byExtension = new Map<string, string[]>();
  const distinct = new Map<string, string[]>();
  for (const name of edges.keys()) {
    const cycle = cycleThrough(edges, name);
    if (!cycle) continue;
    byExtension.set(name, cycle);
    const key = canonicalCycle(cycle);
    if (!distinct.has(key)) distinct.set(key, rotateCycle(cycle, key.split('>')[0] as string));
  }
  return { byExtension, distinct: [...distinct.values()] };
}

/** The same cycle started at `start`, which must be on it: ['b', 'c', 'a', 'b'] for start 'b'. */
export function rotateCycle(cycle: readonly string[], start: string): string[] {
  const ring = cycle.slice(0, -1);
  const at = ring.indexOf(start);
  if (at < 0) return [...cycle];
  return [...ring.slice(at), ...ring.slice(0, at), start];
}

/** One key per cycle whichever member it is read from: the rotation starting at the smallest name. */
function canonicalCycle(cycle: readonly string[]): string {
  const first = [...cycle.slice(0, -1)].sort()[0] as string;
  return rotateCycle(cycle, first).join('>');
}
