/**
 * `npm run bench:diagnostics`: what recording diagnostics metrics adds to a slash command. The same frozen
 * bundle of the real worker runs twice under `wrangler dev` (local workerd, each with its own fresh local D1):
 * once with metrics on (the default) and once with `DIAGNOSTICS_METRICS=false`. Signed `/help` interactions
 * from a new synthetic user each time (no cooldown in the way) are sent at a fixed concurrency, in rounds that
 * alternate between the two workers so that drift on a shared machine hits both alike, at each concurrency
 * (1: one request at a time, the latency a user sees; 4: a loaded isolate, where the background writes
 * compete with requests). Prints p50/p99 and requests per second per round and per concurrency, and the
 * outcomes the "on" worker recorded.
 * Ports: workers 8821 and 8823 (inspectors 8822, 8824), emulator 8825; everything started here is stopped.
 *
 *   npm run bench:diagnostics -- [--duration 8] [--rounds 3] [--concurrency 1,4] [--warmup 2]
 */
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { emulatorVars, startFrozenWorker } from '../bench/frozen-worker';
import { type LoadResult, percentile, runLoad } from '../bench/load';
import { ensureFree, Processes, root } from '../bench/setup';
import { buildInteraction, distinctUsers, newSigningKey } from '../bench/signing';
import { spawnEmulator } from '../cli/spawn-emulator';
import { runWrangler } from '../cli/wrangler-dev';
import { DEMO, DEMO_BOT_OWNER_ID } from '../emulator/fixtures/demo-ids';

const ON = { port: 8821, inspector: 8822 };
const OFF = { port: 8823, inspector: 8824 };
const EMULATOR_PORT = 8825;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,4' },
    warmup: { type: 'string', default: '2' },
  },
});
const durationS = Number(values.duration);
const rounds = Number(values.rounds);
const concurrencies = String(values.concurrency).split(',').map(Number);
const warmupS = Number(values.warmup);
if (
  !(durationS > 0 && rounds >= 1 && warmupS >= 0 && concurrencies.every((c) => Number.isInteger(c) && c >= 1))
) {
  throw new Error(
    '--duration and --rounds must be positive, --concurrency a list such as 1,4, --warmup at least 0',
  );
}

const processes = new Processes();
const step = (text: string) => console.error(`• ${text}…`);
const ms = (n: number) => n.toFixed(2);

interface Measured {
  concurrency: number;
  round: number;
  mode: 'on' | 'off';
  result: LoadResult;
}

function row(label: string, results: LoadResult[]) {
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const elapsed = results.reduce((n, r) => n + r.elapsedMs, 0);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  return {
    label,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: (requests * 1000) / elapsed,
    requests,
    errors,
  };
}

async function main() {
  const benchDir = `${root}.bench`;
  mkdirSync(benchDir, { recursive: true });
  const log = openSync(`${benchDir}/bench-diagnostics.log`, 'w');
  const ports = [ON.port, ON.inspector, OFF.port, OFF.inspector, EMULATOR_PORT];
  for (const port of ports) await ensureFree(port, ports);
  const { seedHex, key } = newSigningKey();

  step(`Starting the Discord emulator on port ${EMULATOR_PORT}`);
  const emulator = await spawnEmulator(['--port', String(EMULATOR_PORT), '--key', seedHex]);
  processes.add(emulator.child, emulator.stop);
  const vars = { ...emulatorVars(emulator, [DEMO_BOT_OWNER_ID]), GATEWAY_ENABLED: 'false' };

  step(
    'Bundling the worker and starting it twice: metrics on, metrics off (log: .bench/bench-diagnostics.log)',
  );
  const on = await startFrozenWorker({
    dir: `${benchDir}/diagnostics-on`,
    generator: 'scripts/bench-diagnostics.ts',
    port: ON.port,
    inspectorPort: ON.inspector,
    vars,
    log,
    processes,
  });
  const off = await startFrozenWorker({
    dir: `${benchDir}/diagnostics-off`,
    generator: 'scripts/bench-diagnostics.ts',
    port: OFF.port,
    inspectorPort: OFF.inspector,
    vars: { ...vars, DIAGNOSTICS_METRICS: 'false' },
    log,
    processes,
  });
  const urls = { on: `${on.url}/interactions`, off: `${off.url}/interactions` };

  const template = await buildInteraction(emulator.url, {
    type: 2,
    user_id: DEMO.users.max,
    guild_id: DEMO.guildId,
    channel_id: DEMO.channels.general,
    data: { name: 'help' },
  });
  const measured: Measured[] = [];
  const loadBefore = loadavg()[0]!.toFixed(2);
  for (const concurrency of concurrencies) {
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const order: ('on' | 'off')[] = round % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
      for (const mode of order) {
        step(
          `Concurrency ${concurrency}, round ${round}/${rounds}, metrics ${mode}: ${warmupS} s warm-up, ${durationS} s measured`,
        );
        const target = { url: urls[mode], next: distinctUsers(template, key), concurrency };
        if (warmupS > 0) await runLoad({ ...target, durationMs: warmupS * 1000 });
        measured.push({
          concurrency,
          round,
          mode,
          result: await runLoad({ ...target, durationMs: durationS * 1000 }),
        });
      }
    }
  }
  // Give the last waitUntil writes a moment, then count what the "on" worker recorded.
  await new Promise((r) => setTimeout(r, 1000));
  const config = `${benchDir}/diagnostics-on/wrangler.toml`;
  const count = async (sql: string) => {
    const out = `${benchDir}/diagnostics-count.json`;
    const fd = openSync(out, 'w');
    await runWrangler(['d1', 'execute', 'DB', '--local', '--json', '--config', config, '--command', sql], fd);
    try {
      const parsed = JSON.parse(readFileSync(out, 'utf8')) as { results: { n: number }[] }[];
      return parsed[0]?.results[0]?.n ?? Number.NaN;
    } catch {
      return Number.NaN;
    }
  };
  const recorded = await count(
    "SELECT coalesce(sum(ok + failed), 0) AS n FROM metric_minutes WHERE command = 'help'",
  );

  const results = (concurrency: number, mode: 'on' | 'off') =>
    measured.filter((m) => m.concurrency === concurrency && m.mode === mode).map((m) => m.result);
  console.log(
    `\nEdgeward bench:diagnostics — signed /help (a new user each request), ${rounds} round(s) of ${durationS} s per mode and concurrency after ${warmupS} s warm-up; wrangler dev (local workerd, local D1), Node ${process.versions.node}, ${availableParallelism()} CPUs, load average before ${loadBefore}, after ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.log('| concurrency | run | p50 ms | p99 ms | rps | requests | errors |');
  console.log('|--:|---|--:|--:|--:|--:|--:|');
  for (const m of measured) {
    const r = row(`round ${m.round}, metrics ${m.mode}`, [m.result]);
    console.log(
      `| ${m.concurrency} | ${r.label} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.rps.toFixed(0)} | ${r.requests} | ${r.errors} |`,
    );
  }
  console.log(
    '\n| concurrency | metrics on p50 / p99 ms | metrics off p50 / p99 ms | added p50 ms | added p99 ms | throughput change |',
  );
  console.log('|--:|--:|--:|--:|--:|--:|');
  let measuredOn = 0;
  for (const concurrency of concurrencies) {
    const onAll = row('on', results(concurrency, 'on'));
    const offAll = row('off', results(concurrency, 'off'));
    measuredOn += onAll.requests;
    console.log(
      `| ${concurrency} | ${ms(onAll.p50)} / ${ms(onAll.p99)} | ${ms(offAll.p50)} / ${ms(offAll.p99)} | ${ms(onAll.p50 - offAll.p50)} | ${ms(onAll.p99 - offAll.p99)} | ${(((onAll.rps - offAll.rps) / offAll.rps) * 100).toFixed(1)} % |`,
    );
  }
  console.log(
    `\nThe "on" worker recorded ${recorded} /help outcomes in metric_minutes for ${measuredOn} measured requests (plus warm-ups); the "off" worker records none.`,
  );
}

main()
  .then(() => processes.stopAll())
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(
      `\nnpm run bench:diagnostics failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await processes.stopAll();
    process.exit(1);
  });
