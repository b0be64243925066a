/**
 * The worker isolate's V8 heap, read over the DevTools protocol through wrangler dev's inspector port
 * (`[dev] inspector_port`): `Runtime.getHeapUsage` sampled on an interval. Unlike the workerd process's RSS
 * this is close to what Cloudflare's 128 MB per-isolate memory limit counts (V8 heap; not ArrayBuffer
 * backing stores, which the limit also counts).
 */
import WebSocket from 'ws';

export interface HeapSampler {
  /** Stops sampling; the highest `usedSize` seen (bytes), or undefined if no sample came back. */
  stop(): Promise<number | undefined>;
}

interface Target {
  webSocketDebuggerUrl?: string;
  title?: string;
}

/** Opens a DevTools session with the worker, or says why it could not. */
export async function openInspector(
  port: number,
): Promise<{ sample(intervalMs: number): HeapSampler; close(): void } | { error: string }> {
  let targets: Target[];
  try {
    const res = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(5000) });
    targets = (await res.json()) as Target[];
  } catch (error) {
    return { error: `inspector on port ${port}: ${(error as Error).message}` };
  }
  const url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!url) return { error: `inspector on port ${port} lists no worker` };
  // wrangler's inspector proxy accepts loopback origins only; Node sends none unless told.
  const socket = new WebSocket(url, { origin: 'http://localhost' });
  const opened = await new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), 5000);
    socket.once('open', () => {
      clearTimeout(timer);
      done(true);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      done(false);
    });
  });
  if (!opened) return { error: `could not open ${url}` };

  let nextId = 1;
  const pending = new Map<number, (used: number | undefined) => void>();
  socket.on('error', () => {}); // a broken session only means missing samples
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as { id?: number; result?: { usedSize?: number } };
    if (reply.id === undefined) return;
    pending.get(reply.id)?.(reply.result?.usedSize);
    pending.delete(reply.id);
  });
  const heapUsed = () =>
    new Promise<number | undefined>((done) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        done(undefined);
      }, 2000);
      pending.set(id, (used) => {
        clearTimeout(timer);
        done(used);
      });
      socket.send(JSON.stringify({ id, method: 'Runtime.getHeapUsage' }));
    });

  const close = () => socket.close();
  const sample = (intervalMs: number): HeapSampler => {
    let peak: number | undefined;
    const inFlight = new Set<Promise<void>>();
    const take = () => {
      const p = heapUsed().then((used) => {
        if (used !== undefined) peak = Math.max(peak ?? 0, used);
        inFlight.delete(p);
      });
      inFlight.add(p);
    };
    take();
    const timer = setInterval(take, intervalMs);
    return {
      async stop() {
        clearInterval(timer);
        take();
        await Promise.all(inFlight);
        return peak;
      },
    };
  };
  return { sample, close };
}
