/**
 * `npm run bench:hooks`: the event bus with 10 handlers per event, against the real worker under `wrangler dev`
 * (local workerd, local D1, local Queues), bundled once from bench/hooks-worker (the worker plus `/__bench/*`
 * routes that swap in 10 cheap handlers). Prints:
 * - events per second through the bus itself (`runHandlers` against D1, no queue), one at a time and 8 at once;
 * - events per second through the production path: `emit` → HOOK_EVENTS → the consumer, until the metrics show
 *   every event handled;
 * - the latency of a signed slash command (`/help`, a new user each request) with no hooks listening versus 10
 *   handlers on `command_executed`, one request at a time and `--concurrency` at a time. The emission happens in
 *   `waitUntil`, so the reply does not wait for it; locally the queue consumer shares the machine (and workerd)
 *   with the requests, so under saturation its work shows up as lower throughput and higher latency.
 * Ports: worker 8817 (inspector 8818), emulator 8819; everything started here is stopped.
 *
 *   npm run bench:hooks -- [--events 300] [--duration 8] [--concurrency 4]
 */
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { emulatorVars } from '../bench/frozen-worker';
import { type LoadResult, percentile, runLoad } from '../bench/load';
import { descendantsNamed } from '../bench/rss';
import { ensureFree, freezeWorker, Processes, realWorkerConfig, root } from '../bench/setup';
import { buildInteraction, distinctUsers, newSigningKey } from '../bench/signing';
import { spawnEmulator } from '../cli/spawn-emulator';
import { runWrangler, startWranglerDev } from '../cli/wrangler-dev';
import { DEMO, DEMO_BOT_OWNER_ID } from '../emulator/fixtures/demo-ids';

const WORKER_PORT = 8817;
const INSPECTOR_PORT = 8818;
const EMULATOR_PORT = 8819;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '300' },
    duration: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '4' },
  },
});
const events = Number(values.events);
const durationS = Number(values.duration);
const concurrency = Number(values.concurrency);
if (!(Number.isInteger(events) && events >= 10 && events <= 5000)) throw new Error('--events: 10 to 5000');
if (!(durationS > 0 && durationS <= 120)) throw new Error('--duration: more than 0, at most 120 seconds');
if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64))
  throw new Error('--concurrency: 1 to 64');

const processes = new Processes();
const step = (text: string) => console.error(`• ${text}…`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Metrics {
  emissions: number;
  executions: number;
  failures: number;
  queue_delay_ms: number;
  queue_delay_samples: number;
}

async function benchCall<T>(base: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/__bench/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/__bench/${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The bench worker's config: the real one with `main` pointed at bench/hooks-worker, bundled, migrated. */
async function benchWorkerConfig(dir: string, log: number): Promise<string> {
  const config = realWorkerConfig(
    dir,
    'scripts/bench-hooks.ts',
    `\n[dev]\ninspector_port = ${INSPECTOR_PORT}\n`,
  );
  const text = readFileSync(config, 'utf8');
  const main = /^main\s*=\s*"[^"]+"/m;
  if (!main.test(text)) throw new Error(`${config} has no main = "…" line`);
  writeFileSync(config, text.replace(main, `main = ${JSON.stringify(`${root}bench/hooks-worker/index.ts`)}`));
  await freezeWorker(config, (args) => runWrangler(args, log));
  const migrated = await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--config', config], log);
  if (migrated !== 0) throw new Error('wrangler d1 migrations apply failed; see .bench/bench-hooks.log');
  return config;
}

function emptyResult(): LoadResult {
  return { requests: 0, errors: 0, elapsedMs: 0, latencies: [], classes: new Map() };
}

function merge(into: LoadResult, from: LoadResult) {
  into.requests += from.requests;
  into.errors += from.errors;
  into.elapsedMs += from.elapsedMs;
  into.latencies = [...into.latencies, ...from.latencies].sort((a, b) => a - b);
  for (const [name, n] of from.classes) into.classes.set(name, (into.classes.get(name) ?? 0) + n);
}

const rate = (n: number, ms: number) => ((n * 1000) / ms).toFixed(0);
const ms = (n: number) => n.toFixed(2);

async function main() {
  const benchDir = `${root}.bench`;
  mkdirSync(benchDir, { recursive: true });
  const log = openSync(`${benchDir}/bench-hooks.log`, 'w');
  const ports = [WORKER_PORT, INSPECTOR_PORT, EMULATOR_PORT];
  for (const port of ports) await ensureFree(port, ports);
  const { seedHex, key } = newSigningKey();

  step(`Starting the Discord emulator on port ${EMULATOR_PORT}`);
  const emulator = await spawnEmulator(['--port', String(EMULATOR_PORT), '--key', seedHex]);
  processes.add(emulator.child, emulator.stop);

  step(`Bundling the bench worker once and starting it on port ${WORKER_PORT} (log: .bench/bench-hooks.log)`);
  const config = await benchWorkerConfig(`${benchDir}/hooks-worker`, log);
  const worker = await startWranglerDev({
    port: WORKER_PORT,
    config,
    log,
    vars: { ...emulatorVars(emulator, [DEMO_BOT_OWNER_ID]), GATEWAY_ENABLED: 'false' },
  });
  processes.add(worker.child, worker.stop);
  for (const pid of descendantsNamed(worker.child.pid as number, 'workerd')) processes.addPid(pid);
  const base = worker.url;

  // 1. The bus itself.
  step(`The bus: ${events} events × 10 handlers through runHandlers (D1, no queue)`);
  await benchCall(base, 'run', { events: 20, concurrency: 1 });
  const serial = await benchCall<{ handlerRuns: number; elapsedMs: number }>(base, 'run', {
    events,
    concurrency: 1,
  });
  const parallel = await benchCall<{ handlerRuns: number; elapsedMs: number }>(base, 'run', {
    events,
    concurrency: 8,
  });
  for (const r of [serial, parallel])
    if (r.handlerRuns !== events * 10)
      throw new Error(`expected ${events * 10} handler runs, got ${r.handlerRuns}`);

  // 2. The production path, through the queue.
  step(`The queue: ${events} events emitted to HOOK_EVENTS, waiting for the consumer to handle them all`);
  const before = await benchCall<Metrics>(base, 'metrics');
  const queueStart = performance.now();
  const emitted = await benchCall<{ emitMs: number }>(base, 'emit', { events });
  let after = before;
  for (;;) {
    after = await benchCall<Metrics>(base, 'metrics');
    if (after.emissions - before.emissions >= events) break;
    if (performance.now() - queueStart > 180_000)
      throw new Error('the consumer did not handle every event in 180 s');
    await sleep(200);
  }
  const queueMs = performance.now() - queueStart;
  const queueDelay =
    (after.queue_delay_ms - before.queue_delay_ms) /
    Math.max(1, after.queue_delay_samples - before.queue_delay_samples);

  // 3. What it costs a reply.
  const template = await buildInteraction(emulator.url, {
    type: 2,
    user_id: DEMO.users.max,
    guild_id: DEMO.guildId,
    channel_id: DEMO.channels.general,
    data: { name: 'help' },
  });
  // Alternating (none, 10, none, 10), half the time each, so that drift on a shared machine hits both alike;
  // one request at a time (the reply's latency), then `concurrency` at a time (the machine saturated).
  const widths = [...new Set([1, concurrency])];
  const latency = widths.flatMap((width) => [
    { width, name: 'no hooks', on: false, handlers: 0, result: emptyResult() },
    { width, name: '10 handlers', on: true, handlers: 0, result: emptyResult() },
  ]);
  for (const width of widths) {
    for (let round = 0; round < 2; round++) {
      for (const row of latency.filter((r) => r.width === width)) {
        row.handlers = (await benchCall<{ handlers: number }>(base, 'hooks', { on: row.on })).handlers;
        step(
          `/help × ${width} with ${row.handlers} handlers on command_executed: ${durationS / 2} s measured`,
        );
        const target = {
          url: `${base}/interactions`,
          next: distinctUsers(template, key),
          concurrency: width,
        };
        await runLoad({ ...target, durationMs: 1000 });
        merge(row.result, await runLoad({ ...target, durationMs: (durationS * 1000) / 2 }));
        await sleep(1000);
      }
    }
  }
  await sleep(3000);
  const final = await benchCall<Metrics>(base, 'metrics');

  console.log(
    `\nEdgeward hooks bench: 10 handlers per event, Node ${process.versions.node}, wrangler dev (local workerd, ` +
      `local D1 and Queues), ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.log('| path | events | handler runs | seconds | events/s |');
  console.log('|---|--:|--:|--:|--:|');
  console.log(
    `| bus, one event at a time | ${events} | ${serial.handlerRuns} | ${(serial.elapsedMs / 1000).toFixed(2)} | ${rate(events, serial.elapsedMs)} |`,
  );
  console.log(
    `| bus, 8 events at a time | ${events} | ${parallel.handlerRuns} | ${(parallel.elapsedMs / 1000).toFixed(2)} | ${rate(events, parallel.elapsedMs)} |`,
  );
  console.log(
    `| emit → queue → consumer | ${events} | ${(after.executions - before.executions).toString()} | ${(queueMs / 1000).toFixed(2)} | ${rate(events, queueMs)} |`,
  );
  console.log(
    `\nEmitting took ${ms(emitted.emitMs / events)} ms per event; average queue delay ${queueDelay.toFixed(0)} ms; ` +
      `handler failures ${final.failures}.\n`,
  );
  console.log('| /help | at once | handlers | requests | rps | p50 ms | p99 ms | errors |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const width of widths) {
    const rows = latency.filter((r) => r.width === width);
    for (const { name, handlers, result } of rows) {
      if (result.classes.size !== 1 || !result.classes.has('help menu'))
        throw new Error(
          `unexpected answers: ${[...result.classes].map(([k, v]) => `${k}: ${v}`).join(', ')}`,
        );
      console.log(
        `| ${name} | ${width} | ${handlers} | ${result.requests} | ${rate(result.requests, result.elapsedMs)} | ` +
          `${ms(percentile(result.latencies, 50))} | ${ms(percentile(result.latencies, 99))} | ${result.errors} |`,
      );
    }
    const [none, hooked] = rows.map((r) => r.result.latencies);
    console.log(
      `| **added by the hooks** | ${width} | | | | ${ms(percentile(hooked!, 50) - percentile(none!, 50))} | ` +
        `${ms(percentile(hooked!, 99) - percentile(none!, 99))} | |`,
    );
  }
  console.log(
    `\ncommand_executed events handled while measuring: ${final.emissions - after.emissions} ` +
      `(${final.executions - after.executions} handler runs).`,
  );
}

main()
  .then(() => processes.stopAll())
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(`\nnpm run bench:hooks failed: ${error instanceof Error ? error.message : String(error)}`);
    await processes.stopAll();
    process.exit(1);
  });
