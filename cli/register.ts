/**
 * `npm run register`: registers the slash commands with Discord, exactly as `/sync` does. It reads what
 * Discord has first and writes (one bulk overwrite) only when something differs.
 *
 * Configuration comes from the environment, then `.dev.vars`: DISCORD_TOKEN, DISCORD_APPLICATION_ID,
 * DISCORD_API_BASE (default https://discord.com/api/v10), SLASH_SAFE_LIMIT, SLASH_WARNING_LIMIT.
 */
import { pathToFileURL } from 'node:url';
import { commands, components } from '../worker/commands';
import { type SyncResult, syncCommands } from '../worker/framework/registration';
import { createRegistry } from '../worker/framework/registry';
import { createRest } from '../worker/services';
import { readDevVars } from './dev-vars';

export interface RegisterOptions {
  apiBase: string;
  token: string;
  applicationId: string;
  safeLimit?: number;
  warningLimit?: number;
}

export async function registerCommands(options: RegisterOptions): Promise<SyncResult> {
  const registry = createRegistry({
    commands,
    components,
    safeLimit: options.safeLimit ?? 95,
    warningLimit: options.warningLimit ?? 90,
  });
  const rest = createRest({ apiBase: options.apiBase.replace(/\/+$/, ''), token: options.token });
  return syncCommands(rest, options.applicationId, registry);
}

export function describeSync(result: SyncResult): string {
  const list = (names: string[]) => (names.length ? names.join(', ') : '-');
  return [
    result.written ? 'Slash commands registered.' : 'Already in sync: nothing was written.',
    `  added     ${result.added.length}  ${list(result.added)}`,
    `  changed   ${result.changed.length}  ${list(result.changed)}`,
    `  removed   ${result.removed.length}  ${list(result.removed)}`,
    `  unchanged ${result.unchanged.length}`,
  ].join('\n');
}

async function main() {
  const vars = { ...readDevVars(), ...process.env };
  const missing = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'].filter((k) => !vars[k]);
  if (missing.length) {
    console.error(`Missing ${missing.join(' and ')} (set them in the environment or in .dev.vars).`);
    process.exit(2);
  }
  const result = await registerCommands({
    apiBase: vars.DISCORD_API_BASE ?? 'https://discord.com/api/v10',
    token: vars.DISCORD_TOKEN as string,
    applicationId: vars.DISCORD_APPLICATION_ID as string,
    safeLimit: vars.SLASH_SAFE_LIMIT ? Number(vars.SLASH_SAFE_LIMIT) : undefined,
    warningLimit: vars.SLASH_WARNING_LIMIT ? Number(vars.SLASH_WARNING_LIMIT) : undefined,
  });
  console.log(describeSync(result));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`Registration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
