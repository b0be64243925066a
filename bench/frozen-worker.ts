import type { EmulatorProcess } from '../cli/spawn-emulator';
import { runWrangler, startWranglerDev, type WranglerDev } from '../cli/wrangler-dev';
import { descendantsNamed } from './rss';
import { type Processes, prepareFrozenWorker } from './setup';

/** The worker's variables that point it at a local emulator; `ownerIds` become BOT_OWNER_ID. */
export function emulatorVars(emulator: EmulatorProcess, ownerIds: string[]): Record<string, string> {
  return {
    DISCORD_API_BASE: emulator.apiBase,
    DISCORD_CDN_BASE: emulator.cdnBase ?? `${emulator.url}/cdn`,
    DISCORD_PUBLIC_KEY: emulator.publicKey,
    DISCORD_TOKEN: emulator.botToken,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    BOT_OWNER_ID: ownerIds.join(','),
  };
}

/**
 * A bench's worker: bundled once into `dir` with a fresh migrated D1 (see `prepareFrozenWorker`), served by
 * `wrangler dev` on `port` (inspector on `inspectorPort`) with `vars`; registered with `processes` (workerd
 * included) so that it is stopped at the end.
 */
export async function startFrozenWorker(options: {
  dir: string;
  generator: string;
  port: number;
  inspectorPort: number;
  vars: Record<string, string>;
  log: number;
  processes: Processes;
}): Promise<WranglerDev> {
  const config = await prepareFrozenWorker(
    options.dir,
    options.generator,
    (args) => runWrangler(args, options.log),
    `\n[dev]\ninspector_port = ${options.inspectorPort}\n`,
  );
  const worker = await startWranglerDev({ port: options.port, config, log: options.log, vars: options.vars });
  options.processes.add(worker.child, worker.stop);
  for (const pid of descendantsNamed(worker.child.pid as number, 'workerd')) options.processes.addPid(pid);
  return worker;
}
