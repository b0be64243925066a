/**
 * `npm run bench:backup`: how long `/backupcreate` takes, how many REST calls and CDN downloads it makes,
 * how much memory the worker's process needs and how big the snapshot is, for the demo guild and for
 * synthetic guilds up to Discord's large-server shape (250 roles, 500 channels, 100,000 members, 100 emojis).
 * Everything is local: the Discord emulator (port 8799) serves REST and the CDN, the real worker runs under
 * `wrangler dev` (port 8797, inspector 8798) with a fresh local D1/R2/queue in .bench/, and every process
 * started here is stopped at the end.
 *
 *   npm run bench:backup -- [--sizes demo,small,medium,large] [--timeout 300]
 */
import { mkdirSync, openSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  type CaptureResult,
  captureOnce,
  type GuildSpec,
  generateGuild,
  guildOwner,
} from '../bench/backup-capture';
import { type HeapSampler, openInspector } from '../bench/heap';
import { descendantsNamed, findWorkerd, rssBytes, sampleRss } from '../bench/rss';
import { ensureFree, Processes, prepareFrozenWorker, root } from '../bench/setup';
import { spawnEmulator } from '../cli/spawn-emulator';
import { runWrangler, startWranglerDev } from '../cli/wrangler-dev';

const WORKER_PORT = 8797;
const INSPECTOR_PORT = 8798;
const EMULATOR_PORT = 8799;
const DEMO_GUILD = '1300000000000000100';
const OLIVE = '1300000000000001000'; // the bot owner

/** `null`: the demo fixture guild. Generated guilds keep the generator's default stickers (2) and bans (3). */
const SIZES: Record<string, GuildSpec | null> = {
  demo: null,
  small: { roles: 20, channels: 30, members: 200, emojis: 10 },
  medium: { roles: 100, channels: 200, members: 10_000, emojis: 50 },
  large: { roles: 250, channels: 500, members: 100_000, emojis: 100 },
};

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: Object.keys(SIZES).join(',') },
    timeout: { type: 'string', default: '300' },
  },
});
const sizes = values.sizes.split(',').map((s) => s.trim());
for (const size of sizes)
  if (!(size in SIZES)) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES)}`);
const timeoutS = Number(values.timeout);
if (!(timeoutS > 0 && timeoutS <= 900)) throw new Error('--timeout must be from 1 to 900 seconds');

const processes = new Processes();

interface Row {
  size: string;
  shape: string;
  baseline: number;
  peak?: number;
  heapBefore?: number;
  heapPeak?: number;
  result?: CaptureResult;
  error?: string;
}

function step(text: string) {
  console.error(`• ${text}…`);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function shapeOf(counts: Record<string, number>): string {
  return ['roles', 'channels', 'members', 'emojis', 'stickers', 'bans']
    .map((k) => `${(counts[k] ?? 0).toLocaleString('en-US')} ${k}`)
    .join(', ');
}

function table(rows: Row[]): string {
  const lines = [
    '| guild | capture s | Took | REST calls | CDN downloads | 429s | peak RSS | peak − baseline | JS heap peak (before) | raw | stored |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const r = row.result;
    const peak = row.peak ? mb(row.peak) : '–';
    const grew = row.peak ? mb(row.peak - row.baseline) : '–';
    const heap = row.heapPeak ? `${mb(row.heapPeak)} (${row.heapBefore ? mb(row.heapBefore) : '?'})` : '–';
    if (!r) {
      lines.push(`| ${row.size} | failed | – | – | – | – | ${peak} | ${grew} | ${heap} | – | – |`);
      continue;
    }
    const [raw, stored] = (/^(.*?) \((.*) stored\)$/.exec(r.fields.Size ?? '') ?? []).slice(1);
    lines.push(
      `| ${row.size} | ${r.seconds.toFixed(1)} | ${r.fields.Took ?? '?'} | ${r.rest} | ${r.cdn} | ` +
        `${r.tooManyRequests} | ${peak} | ${grew} | ${heap} | ${raw ?? '?'} | ${stored ?? '?'} |`,
    );
  }
  return lines.join('\n');
}

function details(rows: Row[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(`- ${row.size}: ${row.shape}; RSS baseline ${mb(row.baseline)}`);
    const r = row.result;
    if (r) {
      lines.push(
        `  REST: ${r.memberPages} member pages, ${r.webhookEdits} edits of the original message, ` +
          `${r.rest - r.memberPages - r.webhookEdits} other; CDN: ${r.cdnFailures} not 200; ` +
          `contents: ${r.fields.Contents ?? '?'}`,
      );
      if (r.restErrors.length) lines.push(`  REST errors: ${r.restErrors.slice(0, 5).join('; ')}`);
      for (const [name, value] of Object.entries(r.fields)) {
        if (name.startsWith('⚠️')) lines.push(`  ${name}: ${value.replace(/\n/g, ' | ')}`);
      }
    }
    if (row.error) lines.push(`  FAILED: ${row.error}`);
  }
  return lines.join('\n');
}

/** RSS right before a capture: the median of a few samples over half a second, once the worker is idle. */
async function baselineRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssBytes(pid) ?? 0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return samples.sort((a, b) => a - b)[2] as number;
}

async function main() {
  const benchDir = `${root}.bench`;
  mkdirSync(benchDir, { recursive: true });
  const logPath = `${benchDir}/bench-backup.log`;
  const log = openSync(logPath, 'w');
  const ports = [WORKER_PORT, INSPECTOR_PORT, EMULATOR_PORT];
  for (const port of ports) await ensureFree(port, ports);

  step(`Starting the Discord emulator on port ${EMULATOR_PORT}`);
  const workerUrl = `http://127.0.0.1:${WORKER_PORT}`;
  const emulator = await spawnEmulator([
    '--port',
    String(EMULATOR_PORT),
    '--worker',
    `${workerUrl}/interactions`,
  ]);
  processes.add(emulator.child, emulator.stop);

  step('Bundling the worker once into .bench/backup-worker and migrating a fresh local D1');
  const config = await prepareFrozenWorker(
    `${benchDir}/backup-worker`,
    'scripts/bench-backup.ts',
    (args) => runWrangler(args, log),
    `\n[dev]\ninspector_port = ${INSPECTOR_PORT}\n`,
  );

  step(`Starting the worker (wrangler dev on ${workerUrl}; log: .bench/bench-backup.log)`);
  const vars = {
    DISCORD_API_BASE: emulator.apiBase,
    DISCORD_CDN_BASE: emulator.cdnBase ?? `${emulator.url}/cdn`,
    DISCORD_PUBLIC_KEY: emulator.publicKey,
    DISCORD_TOKEN: emulator.botToken,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    BOT_OWNER_ID: OLIVE,
  };
  const worker = await startWranglerDev({ port: WORKER_PORT, vars, config, log });
  processes.add(worker.child, worker.stop);
  const workerd = await findWorkerd(worker.child.pid as number, WORKER_PORT);
  // Both workerd processes (runtime and proxy) are ours: stopped with wrangler, signalled if they outlive it.
  for (const pid of descendantsNamed(worker.child.pid as number, 'workerd')) processes.addPid(pid);
  const inspector = await openInspector(INSPECTOR_PORT);
  if ('error' in inspector) console.error(`  no JS heap figures: ${inspector.error}`);
  const heapSample = (intervalMs: number) =>
    'error' in inspector ? undefined : inspector.sample(intervalMs);

  const rows: Row[] = [];
  const loadBefore = loadavg()[0]!.toFixed(2);
  for (const size of sizes) {
    const spec = SIZES[size] ?? null;
    step(spec ? `Generating the ${size} guild (${JSON.stringify(spec)})` : 'Using the demo guild');
    const guild = spec
      ? await generateGuild(emulator, `bench-${size}`, spec)
      : { guildId: DEMO_GUILD, ownerId: await guildOwner(emulator, DEMO_GUILD), counts: {} };
    const row: Row = {
      size,
      shape: spec ? shapeOf(guild.counts) : 'the demo fixture',
      baseline: await baselineRss(workerd),
    };
    rows.push(row);
    step(`/backupcreate in the ${size} guild as its owner ${guild.ownerId} (at most ${timeoutS} s)`);
    row.heapBefore = await heapSample(1000)?.stop();
    let sampler: ReturnType<typeof sampleRss> | undefined;
    let heap: HeapSampler | undefined;
    try {
      row.result = await captureOnce({
        emulatorUrl: emulator.url,
        guildId: guild.guildId,
        userId: guild.ownerId,
        label: `bench ${size}`,
        timeoutMs: timeoutS * 1000,
        onStart: () => {
          sampler = sampleRss(workerd, 100);
          heap = heapSample(100);
        },
      });
    } catch (error) {
      row.error = error instanceof Error ? error.message : String(error);
      console.error(`  ${size} failed: ${row.error}`);
    } finally {
      row.peak = sampler?.stop().peak;
      row.heapPeak = await heap?.stop();
    }
    if (rssBytes(workerd) === undefined) {
      row.error = `${row.error ?? ''} (workerd exited; see ${logPath})`.trim();
      break;
    }
    // Let the consumer finish (lock release) before the next guild's baseline is taken.
    await new Promise((r) => setTimeout(r, 2000));
  }

  if (!('error' in inspector)) inspector.close();
  console.log(
    `\nEdgeward backup bench: Node ${process.versions.node}, wrangler dev (local workerd, D1, R2, queue), ` +
      `emulator REST/CDN on loopback, ${availableParallelism()} CPUs, load average before ${loadBefore}, ` +
      `after ${loadavg()[0]!.toFixed(2)}. RSS is the whole workerd runtime process ` +
      `(the worker, its local D1, R2 and queue), JS heap is the worker isolate's V8 used heap (both sampled every 100 ms).\n`,
  );
  console.log(table(rows));
  console.log(`\n${details(rows)}`);
  if (rows.some((r) => r.error)) throw new Error(`a capture failed; the worker's log is ${logPath}`);
}

main()
  .then(() => processes.stopAll())
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(`\nnpm run bench:backup failed: ${error instanceof Error ? error.message : String(error)}`);
    await processes.stopAll();
    process.exit(1);
  });
