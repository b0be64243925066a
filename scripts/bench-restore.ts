/**
 * `npm run bench:restore`: restores a backup of a synthetic guild into that guild after a raid (sync mode)
 * and into a nearly empty second guild (carried there with /backupexport and /backupimport), then asks for
 * the same restores again. Per scenario: the plan's operations and minimum API calls, the guild writes the
 * worker actually sent (from the emulator's request log), the 429s it met under the emulator's default rate
 * limits, the wall time from pressing "♻️ Restore" to the final message, and that message's result.
 * Everything is local: the emulator on port 8799, the worker bundled once and run under `wrangler dev`
 * (port 8797, inspector 8798) with a fresh local D1/R2 in .bench/; every process started here is stopped.
 *
 *   npm run bench:restore -- [--roles 60] [--channels 120] [--members 1000] [--emojis 20] [--timeout 600]
 */
import { mkdirSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { captureOnce, generateGuild } from '../bench/backup-capture';
import { emulatorVars, startFrozenWorker } from '../bench/frozen-worker';
import {
  type Actor,
  asBot,
  type Embed,
  field,
  oneLine,
  openPreview,
  pressRestore,
  transferBackup,
} from '../bench/restore-flow';
import {
  type Damage,
  firstTextChannel,
  logLength,
  nuke,
  type Writes,
  writesSince,
} from '../bench/restore-nuke';
import { ensureFree, Processes, root } from '../bench/setup';
import { spawnEmulator } from '../cli/spawn-emulator';

const WORKER_PORT = 8797;
const INSPECTOR_PORT = 8798;
const EMULATOR_PORT = 8799;
const OLIVE = '1300000000000001000'; // the demo fixture's bot owner
/** The emulator's defaults (docs/emulator.md, "Rate limits"); the bench does not change them. */
const RATE_LIMITS =
  'role create 10/10 s, channel create 10/10 s, emoji create 5/10 s, other emoji routes 50/1 s, ' +
  'member updates 10/10 s, bulk ban 5/10 s (all per guild), other routes 50/1 s, global 50/s';

const { values } = parseArgs({
  options: {
    roles: { type: 'string', default: '60' },
    channels: { type: 'string', default: '120' },
    members: { type: 'string', default: '1000' },
    emojis: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '600' },
  },
});
const shape = {
  roles: Number(values.roles),
  channels: Number(values.channels),
  members: Number(values.members),
  emojis: Number(values.emojis),
};
const timeoutS = Number(values.timeout);
if (!(timeoutS > 0 && timeoutS <= 600)) throw new Error('--timeout must be from 1 to 600 seconds');

const processes = new Processes();

interface Row {
  scenario: string;
  operations?: number;
  calls?: number;
  wouldDo?: string;
  problems?: string;
  writes?: Writes;
  seconds?: number;
  embed?: Embed;
  result?: string;
  error?: string;
}

const step = (text: string) => console.error(`• ${text}…`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Preview, press Restore when there is something to do, wait for the end; the writes of all of it. */
async function scenario(
  name: string,
  emulatorUrl: string,
  actor: Actor,
  backupId: string,
  repeat: boolean,
): Promise<Row> {
  const row: Row = { scenario: name };
  const from = await logLength(emulatorUrl);
  try {
    step(`${name}: /backuprestore ${backupId} mode sync in ${actor.guildId}`);
    const preview = await openPreview(emulatorUrl, actor, backupId, 'sync');
    row.operations = preview.operations;
    row.calls = preview.calls;
    row.wouldDo = field(preview.embed, 'Would do');
    row.problems = preview.embed.fields?.find((f) => f.name.startsWith('Problems'))?.value;
    if (!preview.go) {
      row.result = preview.embed.description?.includes('Nothing to do')
        ? 'preview: Nothing to do (Restore disabled)'
        : `preview: Restore disabled (${oneLine(row.problems)})`;
    } else {
      if (repeat) console.error(`  the repeated plan is not empty: ${oneLine(row.wouldDo)}`);
      step(`${name}: ♻️ Restore (${preview.operations} operations; at most ${timeoutS} s)`);
      const done = await pressRestore(emulatorUrl, actor, preview, timeoutS * 1000);
      row.seconds = (done.at - done.pressedAt) / 1000;
      row.embed = done.embed;
      const f = (n: string) => field(done.embed, n) ?? '?';
      row.result =
        `${done.embed.title}: done ${f('Created')}+${f('Updated')}+${f('Deleted')} ` +
        `(created+updated+deleted), skipped ${f('Skipped')}, failed ${f('Failed')}; ${f('Verification')}`;
    }
  } catch (error) {
    row.error = error instanceof Error ? error.message : String(error);
    console.error(`  ${name} failed: ${row.error}`);
  }
  row.writes = await writesSince(emulatorUrl, from);
  return row;
}

function table(rows: Row[]): string {
  const lines = [
    '| scenario | plan operations | plan minimum calls | write calls made (ok) | 429s | wall time | result |',
    '|---|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of rows) {
    const w = r.writes;
    lines.push(
      `| ${r.scenario} | ${r.operations ?? '–'} | ${r.calls ?? '–'} | ${w ? `${w.sent} (${w.ok})` : '–'} | ` +
        `${w?.tooManyRequests ?? '–'} | ${r.seconds === undefined ? '–' : `${r.seconds.toFixed(1)} s`} | ` +
        `${r.error ? `FAILED: ${r.error}` : (r.result ?? '–')} |`,
    );
  }
  return lines.join('\n');
}

function details(rows: Row[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`- ${r.scenario}: plan ${oneLine(r.wouldDo) || 'empty'}`);
    if (r.problems) lines.push(`  plan problems: ${oneLine(r.problems)}`);
    const w = r.writes;
    if (w) {
      const routes = Object.entries(w.byRoute).map(([route, n]) => `${route} × ${n}`);
      lines.push(`  writes: ${routes.join(', ') || 'none'}; all REST requests in the period: ${w.rest}`);
      if (w.errors.length)
        lines.push(`  REST errors (${w.errors.length}): ${w.errors.slice(0, 12).join('; ')}`);
    }
    if (r.embed) {
      const skip = new Set(['Created', 'Updated', 'Deleted', 'Skipped', 'Failed', 'Verification']);
      const rest = (r.embed.fields ?? []).filter((f) => !skip.has(f.name));
      lines.push(`  final embed: ${rest.map((f) => `${f.name}: ${oneLine(f.value)}`).join('; ')}`);
    }
  }
  return lines.join('\n');
}

async function main() {
  const benchDir = `${root}.bench`;
  mkdirSync(benchDir, { recursive: true });
  const logPath = `${benchDir}/bench-restore.log`;
  const log = openSync(logPath, 'w');
  const ports = [WORKER_PORT, INSPECTOR_PORT, EMULATOR_PORT];
  for (const port of ports) await ensureFree(port, ports);

  step(`Starting the Discord emulator on port ${EMULATOR_PORT} (default rate limits)`);
  const workerUrl = `http://127.0.0.1:${WORKER_PORT}`;
  const emulator = await spawnEmulator([
    '--port',
    String(EMULATOR_PORT),
    '--worker',
    `${workerUrl}/interactions`,
  ]);
  processes.add(emulator.child, emulator.stop);

  step(`Generating the source guild (${JSON.stringify(shape)}) and a nearly empty target guild`);
  const source = await generateGuild(emulator, 'bench-restore-source', shape);
  const empty = await generateGuild(emulator, 'bench-restore-empty', {
    roles: 2,
    channels: 0,
    members: 2,
    emojis: 0,
    stickers: 0,
    bans: 0,
  });
  // The target needs one text channel to send commands in; the bot makes it before anything is measured.
  const here = await asBot<{ id: string }>(emulator, 'POST', `/guilds/${empty.guildId}/channels`, {
    name: 'restore-here',
    type: 0,
  });
  const a: Actor = {
    guildId: source.guildId,
    userId: source.ownerId,
    channelId: await firstTextChannel(emulator, source.guildId),
  };
  const b: Actor = { guildId: empty.guildId, userId: empty.ownerId, channelId: here.id };

  step(`Bundling the worker once and starting it on ${workerUrl} (log: .bench/bench-restore.log)`);
  await startFrozenWorker({
    dir: `${benchDir}/restore-worker`,
    generator: 'scripts/bench-restore.ts',
    port: WORKER_PORT,
    inspectorPort: INSPECTOR_PORT,
    // The source guild's owner is a bot owner: /backupexport is for bot owners.
    vars: emulatorVars(emulator, [OLIVE, source.ownerId]),
    log,
    processes,
  });

  step(`/backupcreate in the source guild ${source.guildId} as its owner`);
  const backup = await captureOnce({
    emulatorUrl: emulator.url,
    guildId: a.guildId,
    userId: a.userId,
    label: 'before the raid',
    timeoutMs: timeoutS * 1000,
  });
  const backupId = /`([^`]+)`/.exec(backup.fields.ID ?? '')?.[1];
  if (!backupId) throw new Error(`no backup id in ${JSON.stringify(backup.fields)}`);
  await sleep(2000); // the backup job's lock is released after its last edit
  step(`/backupexport ${backupId} → /backupimport in the target guild ${empty.guildId}`);
  const imported = await transferBackup(emulator.url, a, b, backupId);
  step('Nuking the source guild');
  const damage: Damage = await nuke(emulator, a.guildId, a.channelId);

  const rows: Row[] = [];
  rows.push(await scenario('nuked (sync)', emulator.url, a, backupId, false));
  await sleep(2000);
  rows.push(await scenario('into empty (sync)', emulator.url, b, imported.id, false));
  await sleep(2000);
  rows.push(await scenario('repeated: nuked again', emulator.url, a, backupId, true));
  rows.push(await scenario('repeated: into empty again', emulator.url, b, imported.id, true));

  console.log(
    `\nEdgeward restore bench: Node ${process.versions.node}, wrangler dev (local workerd, D1, R2, Durable ` +
      `Objects), emulator on loopback, ${availableParallelism()} CPUs.\n` +
      `Source guild: ${Object.entries(source.counts)
        .map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`)
        .join(
          ', ',
        )}; backup \`${backupId}\` (${backup.fields.Size ?? '?'}), export ${(imported.bytes / 1024).toFixed(0)} KiB.\n` +
      `Raid: ${damage.rolesDeleted} roles, ${damage.channelsDeleted} channels and ${damage.emojisDeleted} emojis ` +
      `deleted; ${damage.channelsRenamed} channels renamed; ${damage.rolePermissionsChanged} roles' permissions ` +
      `changed (@everyone made Administrator).\nTarget guild: @everyone, the bot's role, the owner and the bot, ` +
      `one text channel. Rate limits (emulator defaults): ${RATE_LIMITS}.\n` +
      `Writes: POST/PATCH/PUT/DELETE to the guild API (not interaction webhooks or messages), from the ` +
      `/backuprestore command to the final message; "ok" = answered below 400. Wall time: pressing ` +
      `♻️ Restore → the final edit.\n`,
  );
  console.log(table(rows));
  console.log(`\n${details(rows)}`);
  if (rows.some((r) => r.error)) throw new Error(`a scenario failed; the worker's log is ${logPath}`);
}

main()
  .then(() => processes.stopAll())
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(
      `\nnpm run bench:restore failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await processes.stopAll();
    process.exit(1);
  });
