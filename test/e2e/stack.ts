import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { emulatorVars, startFrozenWorker } from '../../bench/frozen-worker';
import { Processes, root } from '../../bench/setup';
import { buildDashboard, DASHBOARD_DIST } from '../../cli/build-dashboard';
import { startDashboardServer } from '../../cli/dashboard-server';
import { type EmulatorProcess, spawnEmulator } from '../../cli/spawn-emulator';

/** The bot owner in the demo fixture (olive). */
export const OLIVE = '1300000000000001000';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Stack {
  emulator: EmulatorProcess;
  workerUrl: string;
  dashboardUrl: string;
  stop(): Promise<void>;
}

/**
 * The whole product as `npm start` runs it, on free ports: the emulator, the worker bundled once under
 * `wrangler dev` with a fresh D1 in .e2e/, and the built dashboard with /api/* forwarded to the worker.
 */
export async function startStack(): Promise<Stack> {
  const processes = new Processes();
  const dir = `${root}.e2e`;
  mkdirSync(dir, { recursive: true });
  const log = openSync(`${dir}/stack.log`, 'w');
  const [workerPort, inspectorPort, dashboardPort] = [await freePort(), await freePort(), await freePort()];
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const emulator = await spawnEmulator(['--port', '0', '--worker', `${workerUrl}/interactions`]);
  processes.add(emulator.child, emulator.stop);
  await buildDashboard(log);
  await startFrozenWorker({
    dir: `${dir}/worker`,
    generator: 'test/e2e/stack.ts',
    port: workerPort,
    inspectorPort,
    vars: {
      ...emulatorVars(emulator, [OLIVE]),
      DISCORD_CLIENT_SECRET: emulator.clientSecret ?? 'emulator-client-secret',
      DISCORD_WEB_BASE: emulator.webBase ?? emulator.url,
      DASHBOARD_URL: dashboardUrl,
      GATEWAY_ENABLED: 'false',
    },
    log,
    processes,
  });
  const dashboard = await startDashboardServer({
    port: dashboardPort,
    distDir: DASHBOARD_DIST,
    apiOrigin: workerUrl,
  });
  return {
    emulator,
    workerUrl,
    dashboardUrl,
    async stop() {
      await dashboard.close();
      await processes.stopAll();
    },
  };
}
