/**
 * `npm start`: the whole bot, offline. Starts the Discord emulator (demo guild included), applies the D1
 * migrations locally, runs the worker under `wrangler dev` pointed at the emulator, registers the slash
 * commands, builds and serves the dashboard (with /api/* forwarded to the worker, as Pages does), fires the
 * worker's cron triggers every minute (wrangler dev does not), and opens the terminal client. Ctrl+C (or
 * `quit`) stops everything.
 *
 *   npm start -- [--port 8787] [--emulator-port 8790] [--dashboard-port 8788] [--no-client]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDashboard, DASHBOARD_DIST } from './build-dashboard';
import { projectCrons, startCronDriver } from './cron-driver';
import { startDashboardServer } from './dashboard-server';
import { describeSync, registerCommands } from './register';
import { spawnEmulator } from './spawn-emulator';
import { runWrangler, startWranglerDev } from './wrangler-dev';

const root = fileURLToPath(new URL('..', import.meta.url));
const BOT_OWNER_ID = '1300000000000001000';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'emulator-port': { type: 'string', default: '8790' },
    'dashboard-port': { type: 'string', default: '8788' },
    'no-client': { type: 'boolean', default: false },
  },
});

const children: ChildProcess[] = [];
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(0);
  });
}

async function main() {
  const port = Number(values.port);
  const workerUrl = `http://127.0.0.1:${port}`;
  mkdirSync(`${root}.wrangler`, { recursive: true });
  const logPath = `${root}.wrangler/edgeward-dev.log`;
  const log = openSync(logPath, 'a');

  step('Starting the Discord emulator');
  const emulator = await spawnEmulator([
    '--port',
    values['emulator-port'] as string,
    '--worker',
    `${workerUrl}/interactions`,
  ]);
  children.push(emulator.child);

  step('Applying D1 migrations (local)');
  const migrated = await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local'], log);
  if (migrated !== 0) throw new Error(`wrangler d1 migrations apply failed; see ${logPath}`);

  step(`Starting the worker (wrangler dev on ${workerUrl})`);
  const dashboardUrl = `http://127.0.0.1:${values['dashboard-port']}`;
  const vars = {
    DISCORD_API_BASE: emulator.apiBase,
    DISCORD_CDN_BASE: emulator.cdnBase ?? `${emulator.url}/cdn`,
    DISCORD_PUBLIC_KEY: emulator.publicKey,
    DISCORD_TOKEN: emulator.botToken,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    BOT_OWNER_ID,
    // The dashboard logs in through the emulator's OAuth2.
    DISCORD_CLIENT_SECRET: emulator.clientSecret ?? 'emulator-client-secret',
    DISCORD_WEB_BASE: emulator.webBase ?? emulator.url,
    DASHBOARD_URL: dashboardUrl,
    // The demo application has the Server Members intent enabled: member joins and leaves reach the bot, so
    // the welcome extension's greetings work in the demo (deployments opt in, as the Developer Portal does).
    GATEWAY_MEMBERS_INTENT: 'true',
  };
  const dev = await startWranglerDev({ port, vars, log });
  children.push(dev.child);

  step('Checking the interactions endpoint with a signed PING');
  const ping = (await (
    await fetch(`${emulator.url}/__emulator/interactions/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 1, user_id: BOT_OWNER_ID }),
    })
  ).json()) as { status: number; response: unknown };
  if (ping.status !== 200) throw new Error(`PING answered ${ping.status}: ${JSON.stringify(ping.response)}`);

  const crons = projectCrons(root);
  step(`Firing the cron triggers every minute (${crons.join(', ')}), as Cloudflare does`);
  const cronDriver = startCronDriver({
    workerUrl,
    crons,
    onError: (cron, error) =>
      console.error(`cron ${cron}: ${error instanceof Error ? error.message : String(error)}`),
  });
  process.on('exit', () => cronDriver.stop());

  step(`Building the dashboard and serving it on ${dashboardUrl}`);
  await buildDashboard(log);
  const dashboard = await startDashboardServer({
    port: Number(values['dashboard-port']),
    distDir: DASHBOARD_DIST,
    apiOrigin: workerUrl,
  });
  process.on('exit', () => void dashboard.close());

  step('Registering slash commands');
  console.log(
    describeSync(
      await registerCommands({
        apiBase: emulator.apiBase,
        token: emulator.botToken,
        applicationId: emulator.applicationId,
      }),
    ),
  );

  console.log(
    [
      '',
      'Edgeward is running offline:',
      `  worker     ${workerUrl}  (log: .wrangler/edgeward-dev.log)`,
      `  emulator   ${emulator.url}  (demo guild "Edgeward Demo")`,
      `  dashboard  ${dashboard.url}  (log in as alan to manage the demo server, as olive for the owner views)`,
      '  users      ada (server owner), alan (admin), max (member), mia (moderator), olive (bot owner)',
      '',
    ].join('\n'),
  );

  if (values['no-client'] || !process.stdin.isTTY) {
    console.log('No terminal attached: serving until Ctrl+C. Use `npm run client` in another terminal.');
    await new Promise<void>((resolve) => dev.child.on('exit', () => resolve()));
    return;
  }
  const client = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/terminal-client.ts', '--emulator', emulator.url],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  children.push(client);
  await new Promise<void>((resolve) => client.on('exit', () => resolve()));
}

function step(text: string) {
  console.log(`• ${text}…`);
}

main()
  .then(() => {
    stopAll();
    process.exit(0);
  })
  .catch((error) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    stopAll();
    process.exit(1);
  });
