/**
 * The load loop for `npm run bench`: a fixed number of workers, each sending one request at a time to a
 * local URL until the deadline. Bounded by construction: it stops at the deadline, and each request has a
 * timeout.
 */
import type { RequestSource } from './signing';

export interface LoadResult {
  /** Requests sent and finished (answered or failed). */
  requests: number;
  /** Answers other than 200, and requests that failed (refused connection, timeout). */
  errors: number;
  elapsedMs: number;
  /** Milliseconds, sorted ascending, one per answered request (errors included). */
  latencies: number[];
  /** How many answers fell in each class (see `classify`). */
  classes: Map<string, number>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Names what an answer was: PONG, a help menu, a cooldown refusal, the floor's constant… */
export function classify(status: number, text: string): string {
  if (status !== 200) return `HTTP ${status}`;
  try {
    const answer = JSON.parse(text) as {
      type?: number;
      data?: { content?: string; embeds?: { title?: string }[]; components?: unknown[] };
    };
    if (answer.type === 1) return 'PONG';
    if (answer.data?.content === 'bench floor') return 'constant';
    const title = answer.data?.embeds?.[0]?.title;
    if (title?.includes('Slow down')) return 'cooldown refusal';
    if (answer.data?.components?.length) return 'help menu';
    return `type ${answer.type} "${title ?? answer.data?.content ?? ''}"`;
  } catch {
    return 'not JSON';
  }
}

export async function runLoad(options: {
  url: string;
  next: RequestSource;
  concurrency: number;
  durationMs: number;
}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url)) throw new Error('the bench only targets 127.0.0.1');
  const latencies: number[] = [];
  const classes = new Map<string, number>();
  let requests = 0;
  let errors = 0;
  const note = (name: string) => classes.set(name, (classes.get(name) ?? 0) + 1);
  const started = performance.now();
  const deadline = started + options.durationMs;

  async function worker() {
    while (performance.now() < deadline) {
      const { body, headers } = options.next();
      const t0 = performance.now();
      requests++;
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors++;
        note(classify(res.status, text));
      } catch (error) {
        errors++;
        note(`failed: ${(error as Error).name}`);
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { requests, errors, elapsedMs, latencies, classes };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
