/**
 * `npm run bench`: requests per second and p50/p99 latency of signed PING and signed `/help` against the
 * real worker (`wrangler dev`, local D1) and against the floor, a bare worker that only verifies the
 * signature (bench/bare-worker). Everything is local: the Discord emulator builds and signs the interactions,
 * the load goes to 127.0.0.1 only, and every process started here is stopped at the end.
 *
 *   npm run bench -- [--duration 10] [--concurrency 16] [--warmup 2]
 */
import { mkdirSync, openSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { classify, type LoadResult, percentile, runLoad } from '../bench/load';
import { ensureFree, Processes, realWorkerConfig, root } from '../bench/setup';
import {
  buildInteraction,
  builtPool,
  distinctUsers,
  newSigningKey,
  type RequestSource,
} from '../bench/signing';
import { spawnEmulator } from '../cli/spawn-emulator';
import { runWrangler, startWranglerDev } from '../cli/wrangler-dev';

const REAL_PORT = 8797;
const BARE_PORT = 8798;
const EMULATOR_PORT = 8799;
const DEMO_GUILD = '1300000000000000100';
const GENERAL = '1300000000000000121';
const OLIVE = '1300000000000001000'; // the bot owner
const MAX = '1300000000000001003'; // an ordinary member: the template for synthetic users
const FIXTURE_USERS = [OLIVE, '1300000000000001001', '1300000000000001002', MAX, '1300000000000001004'];
/** The worker refuses timestamps older than 300 s; pooled bodies must be sent well within that. */
const MAX_POOL_AGE_S = 270;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '2' },
  },
});
const durationS = Number(values.duration);
const concurrency = Number(values.concurrency);
const warmupS = Number(values.warmup);
if (!(durationS > 0 && warmupS >= 0 && durationS + warmupS <= MAX_POOL_AGE_S)) {
  throw new Error(`--duration must be > 0 and --duration + --warmup at most ${MAX_POOL_AGE_S} s`);
}
if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) {
  throw new Error('--concurrency must be a whole number from 1 to 256');
}

const processes = new Processes();

interface Scenario {
  name: string;
  worker: 'real' | 'bare';
  source: () => Promise<RequestSource>;
}

interface Row {
  scenario: Scenario;
  result: LoadResult;
}

async function expectAnswer(url: string, source: RequestSource, expected: string) {
  const { body, headers } = source();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  const got = classify(res.status, text);
  if (got !== expected) throw new Error(`${url} answered ${got} where ${expected} was expected: ${text}`);
}

function step(text: string) {
  console.error(`• ${text}…`);
}

function table(rows: Row[]): string {
  const ms = (n: number) => n.toFixed(2);
  const lines = [
    '| scenario | worker | rps | p50 ms | p99 ms | requests | errors | answers |',
    '|---|---|--:|--:|--:|--:|--:|---|',
  ];
  for (const { scenario, result } of rows) {
    const answers = [...result.classes].map(([name, count]) => `${name}: ${count}`).join(', ');
    lines.push(
      `| ${scenario.name} | ${scenario.worker} | ${((result.requests * 1000) / result.elapsedMs).toFixed(0)} | ` +
        `${ms(percentile(result.latencies, 50))} | ${ms(percentile(result.latencies, 99))} | ` +
        `${result.requests} | ${result.errors} | ${answers} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const benchDir = `${root}.bench`;
  mkdirSync(benchDir, { recursive: true });
  const logPath = `${benchDir}/bench.log`;
  const log = openSync(logPath, 'w');
  const { seedHex, key } = newSigningKey();
  const ports = [REAL_PORT, BARE_PORT, EMULATOR_PORT];
  for (const port of ports) await ensureFree(port, ports);

  step(`Starting the Discord emulator on port ${EMULATOR_PORT}`);
  const emulator = await spawnEmulator(['--port', String(EMULATOR_PORT), '--key', seedHex]);
  processes.add(emulator.child, emulator.stop);

  step('Applying D1 migrations to a fresh local database (.bench/real-worker)');
  const config = realWorkerConfig(`${benchDir}/real-worker`, 'scripts/bench.ts');
  const migrated = await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--config', config], log);
  if (migrated !== 0) throw new Error(`wrangler d1 migrations apply failed; see ${logPath}`);

  step(`Starting the real worker (port ${REAL_PORT}) and the bare worker (port ${BARE_PORT})`);
  const vars = {
    DISCORD_API_BASE: emulator.apiBase,
    DISCORD_PUBLIC_KEY: emulator.publicKey,
    DISCORD_TOKEN: emulator.botToken,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    BOT_OWNER_ID: OLIVE,
  };
  // One after the other: two `wrangler dev` starting at once can race for the same internal port.
  const real = await startWranglerDev({ port: REAL_PORT, vars, config, log });
  processes.add(real.child, real.stop);
  const bare = await startWranglerDev({
    port: BARE_PORT,
    vars: { DISCORD_PUBLIC_KEY: emulator.publicKey },
    config: 'bench/bare-worker/wrangler.toml',
    log,
  });
  processes.add(bare.child, bare.stop);
  const urls = { real: `${real.url}/interactions`, bare: `${bare.url}/interactions` };

  const help = { type: 2, guild_id: DEMO_GUILD, channel_id: GENERAL, data: { name: 'help' } };
  const helpTemplate = await buildInteraction(emulator.url, { ...help, user_id: MAX });
  const pings = () => builtPool(emulator.url, [{ type: 1 }], 64);
  const distinctHelp = async () => distinctUsers(helpTemplate, key);
  const fixtureHelp = () =>
    builtPool(
      emulator.url,
      FIXTURE_USERS.map((user_id) => ({ ...help, user_id })),
      16,
    );

  step('Checking both workers answer a signed PING and a signed /help');
  await expectAnswer(urls.real, await pings(), 'PONG');
  await expectAnswer(urls.real, await distinctHelp(), 'help menu');
  await expectAnswer(urls.bare, await pings(), 'PONG');
  await expectAnswer(urls.bare, await distinctHelp(), 'constant');

  const scenarios: Scenario[] = [
    { name: 'PING', worker: 'real', source: pings },
    { name: 'PING (floor)', worker: 'bare', source: pings },
    { name: '/help, a new user each request', worker: 'real', source: distinctHelp },
    { name: '/help (floor)', worker: 'bare', source: distinctHelp },
    { name: '/help, the 5 fixture users', worker: 'real', source: fixtureHelp },
  ];
  const rows: Row[] = [];
  const loadBefore = loadavg()[0]!.toFixed(2);
  for (const scenario of scenarios) {
    step(`${scenario.name} → ${scenario.worker} worker: ${warmupS} s warm-up, ${durationS} s measured`);
    const next = await scenario.source();
    const target = { url: urls[scenario.worker], next, concurrency };
    if (warmupS > 0) await runLoad({ ...target, durationMs: warmupS * 1000 });
    rows.push({ scenario, result: await runLoad({ ...target, durationMs: durationS * 1000 }) });
  }

  console.log(
    `\nEdgeward bench: ${durationS} s per scenario after ${warmupS} s warm-up, concurrency ${concurrency}, ` +
      `Node ${process.versions.node}, wrangler dev (local workerd, local D1), ${availableParallelism()} CPUs, ` +
      `load average before ${loadBefore}, after ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.log(table(rows));
}

main()
  .then(() => processes.stopAll())
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(`\nnpm run bench failed: ${error instanceof Error ? error.message : String(error)}`);
    await processes.stopAll();
    process.exit(1);
  });
