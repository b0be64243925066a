import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface EmulatorProcess {
  url: string;
  apiBase: string;
  /** The emulator's CDN (images of emojis, stickers, icons). */
  cdnBase?: string;
  publicKey: string;
  botToken: string;
  applicationId: string;
  /** Where `/oauth2/authorize` lives (the emulator's root). */
  webBase?: string;
  /** The OAuth2 client secret the emulator expects. */
  clientSecret?: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `emulator/main.ts` in its own Node process (through tsx) and waits for its address line. */
export function spawnEmulator(args: string[] = []): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 30 s')), 30_000);
    child.once('exit', (code) =>
      reject(new Error(`the emulator exited with code ${code} before it started`)),
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const info = JSON.parse(line);
      resolve({
        ...info,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
