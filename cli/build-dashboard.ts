import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DASHBOARD_DIST = `${root}dashboard/dist`;

/** `vite build` of the dashboard into dashboard/dist; output goes to `log`. */
export function buildDashboard(log: number | 'inherit' | 'ignore' = 'ignore'): Promise<void> {
  // vite's package exports do not include its bin: find it next to its package.json.
  const vite = `${dirname(createRequire(import.meta.url).resolve('vite/package.json'))}/bin/vite.js`;
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', log, log],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}
