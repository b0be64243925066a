import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerBin = `${root}node_modules/wrangler/bin/wrangler.js`;

/** Runs a wrangler command to completion; resolves with its exit code. */
export function runWrangler(args: string[], log: number | 'inherit' | 'ignore' = 'ignore'): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: root, stdio: ['ignore', log, log] });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export interface WranglerDev {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, path: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}${path}`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the worker did not become healthy in ${timeoutMs / 1000} s (last answer: ${last})`);
}

/**
 * Starts `wrangler dev` (local workerd, local D1/R2/DOs) on 127.0.0.1:port with the given variables, and
 * waits until `healthPath` answers 200.
 */
export async function startWranglerDev(options: {
  port: number;
  vars: Record<string, string>;
  config?: string;
  log?: number | 'ignore' | 'inherit';
  healthPath?: string;
}): Promise<WranglerDev> {
  const log = options.log ?? 'ignore';
  const child = spawn(
    process.execPath,
    [
      wranglerBin,
      'dev',
      ...(options.config ? ['--config', options.config] : []),
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--show-interactive-dev-session=false',
      ...Object.entries(options.vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ],
    { cwd: root, stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  try {
    await waitForHealth(url, options.healthPath ?? '/health', 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}
