/**
 * Memory of a process tree, from Linux's /proc: finds the `workerd` process under `wrangler dev` and samples
 * its resident set size (VmRSS in /proc/<pid>/status) on a fixed interval.
 */
import { readdirSync, readFileSync } from 'node:fs';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every process's parent, from /proc/<pid>/stat (field 4, after the parenthesised command name). */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  return children;
}

/** The descendants of `pid` (breadth first) whose command name (`/proc/<pid>/comm`) is `name`. */
export function descendantsNamed(pid: number, name: string): number[] {
  const children = parents();
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (read(`/proc/${next}/comm`)?.trim() === name) found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

/**
 * The workerd that runs the worker under `wrangler dev` (`parentPid`). wrangler starts two: a proxy that
 * listens on the dev port (`--socket-addr=entry=127.0.0.1:<port>`) and forwards to the Miniflare runtime,
 * which listens on a random port and runs the worker, its queue, D1 and R2. This waits (bounded) until
 * exactly one runtime is there and has stayed the same for a second: Miniflare replaces its workerd when
 * its configuration changes, which happens during start-up.
 */
export async function findWorkerd(parentPid: number, devPort: number, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const proxy = `--socket-addr=entry=127.0.0.1:${devPort}`;
  let candidate: number | undefined;
  let stableFor = 0;
  for (;;) {
    const found = descendantsNamed(parentPid, 'workerd').filter(
      (pid) => !(read(`/proc/${pid}/cmdline`) ?? '').split('\0').includes(proxy),
    );
    const only = found.length === 1 ? found[0] : undefined;
    stableFor = only !== undefined && only === candidate ? stableFor + 1 : 0;
    candidate = only;
    if (candidate !== undefined && stableFor >= 4) return candidate;
    if (Date.now() > deadline) {
      throw new Error(
        `no single stable workerd runtime under pid ${parentPid} (found: ${found.join(', ') || 'none'})`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** VmRSS of a process in bytes, or undefined when it is gone. */
export function rssBytes(pid: number): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? '');
  return match?.[1] ? Number(match[1]) * 1024 : undefined;
}

export interface RssSampler {
  /** Stops sampling; returns the highest VmRSS seen (bytes) and the number of samples. */
  stop(): { peak: number; samples: number };
}

/** Samples VmRSS of `pid` every `intervalMs` until stopped (one sample at once, one at stop). */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak = 0;
  let samples = 0;
  const take = () => {
    const rss = rssBytes(pid);
    if (rss === undefined) return;
    samples++;
    peak = Math.max(peak, rss);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}
