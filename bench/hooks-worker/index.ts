/**
 * The worker `npm run bench:hooks` runs: the real worker (every route, queue consumer and Durable Object)
 * plus a few `/__bench/*` routes that only this bundle has. Never deployed; bundled by scripts/bench-hooks.ts.
 */
import worker from '../../worker';
import type { Env } from '../../worker/env';
import { catalogue } from '../../worker/extensions/catalogue';
import { defineExtension } from '../../worker/extensions/extension';
import { HookBus } from '../../worker/hooks/bus';
import { defaultHookBus } from '../../worker/hooks/emit';
import { createEnvelope } from '../../worker/hooks/envelope';
import { defineHook } from '../../worker/hooks/hook-handler';
import { extensionSource } from '../../worker/hooks/installed-extensions';
import { readMetrics } from '../../worker/hooks/metrics';

export * from '../../worker';

/** Handlers per event, as the issue asks: 10. */
const BENCH_HANDLERS = 10;
const BENCH_EVENT = 'bench_event';

/** 10 handlers on `command_executed` and on `bench_event`, each doing a little work (no I/O). */
const benchExtension = defineExtension({
  manifest: {
    name: 'bench-hooks',
    version: '1.0.0',
    author: 'Bench',
    description: 'Ten cheap handlers per event',
    listensTo: ['command_executed', BENCH_EVENT],
  },
  hooks: ['command_executed', BENCH_EVENT].flatMap((event) =>
    Array.from({ length: BENCH_HANDLERS }, (_, i) =>
      defineHook({
        event,
        name: `h${i}`,
        priority: i,
        run: (_ctx, payload) => {
          JSON.stringify(payload);
        },
      }),
    ),
  ),
});
const withBench = [...catalogue, benchExtension];
let hooksOn = false;
const load = extensionSource.load;
extensionSource.load = async () => (hooksOn ? withBench : load());

const json = (body: unknown) => Response.json(body);

async function bench(request: Request, env: Env): Promise<Response | null> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith('/__bench/')) return null;
  const body = request.method === 'POST' ? ((await request.json()) as Record<string, unknown>) : {};
  switch (url.pathname) {
    case '/__bench/hooks':
      hooksOn = body.on === true;
      return json({
        on: hooksOn,
        handlers: (await (await defaultHookBus(env)).handlersFor('command_executed', null)).length,
      });
    case '/__bench/metrics':
      return json(await readMetrics(env.DB));
    case '/__bench/run': {
      // The bus itself: runHandlers against local D1, no queue, `concurrency` events at a time.
      const events = Number(body.events ?? 200);
      const concurrency = Number(body.concurrency ?? 1);
      const bus = new HookBus(env, { extensions: [benchExtension], queue: null });
      let next = 0;
      let ok = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < events) {
            next++;
            const report = await bus.run(createEnvelope(BENCH_EVENT, { guildId: null }, Date.now()));
            ok += report.results.filter((r) => r.outcome === 'ok').length;
          }
        }),
      );
      return json({ events, handlerRuns: ok, elapsedMs: performance.now() - started });
    }
    case '/__bench/emit': {
      // Through the queue: the production path (emit, HOOK_EVENTS, the consumer).
      hooksOn = true;
      const events = Number(body.events ?? 200);
      const bus = await defaultHookBus(env);
      const started = performance.now();
      for (let i = 0; i < events; i++) await bus.emit(BENCH_EVENT, { guildId: null });
      return json({ events, emitMs: performance.now() - started });
    }
    default:
      return new Response('unknown bench route', { status: 404 });
  }
}

export default {
  ...worker,
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    return (await bench(request, env)) ?? worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env, unknown>;
