/** Command-line arguments of the terminal client. */
import { fail, ok, type Result } from './result';

export interface ClientArgs {
  emulator: string;
  user?: string;
  guild?: string;
  channel?: string;
  help: boolean;
}

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:8790';

export const USAGE = `usage: npm run client -- [--emulator URL] [--user NAME] [--guild NAME] [--channel NAME]

  --emulator URL   the emulator's address (default: $EDGEWARD_EMULATOR_URL or ${DEFAULT_EMULATOR_URL})
  --user NAME      act as this user at start (default: ada)
  --guild NAME     start in this guild
  --channel NAME   start in this channel (default: #general)`;

export function parseClientArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Result<ClientArgs> {
  const args: ClientArgs = { emulator: env.EDGEWARD_EMULATOR_URL || DEFAULT_EMULATOR_URL, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const match = /^--(emulator|user|guild|channel)(?:=(.*))?$/.exec(arg);
    if (!match) return fail(`unknown argument "${arg}"`);
    const key = match[1] as 'emulator' | 'user' | 'guild' | 'channel';
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') return fail(`--${key} needs a value`);
    args[key] = value;
  }
  if (!/^https?:\/\//.test(args.emulator))
    return fail(`--emulator must be an http(s) URL, not "${args.emulator}"`);
  args.emulator = args.emulator.replace(/\/+$/, '');
  return ok(args);
}
