/** Command-line arguments of the terminal client. */
import { fail, ok, type Result } from './result';

export interface ClientArgs {
  emulator: string;
  user?: string;
  guild?: string;
  channel?: string;
  /** How long to wait for the bot's reply to a plain message, in ms. */
  replyTimeoutMs: number;
  help: boolean;
}

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:8790';

export const DEFAULT_REPLY_TIMEOUT_S = 5;

export const USAGE = `usage: npm run client -- [--emulator URL] [--user NAME] [--guild NAME] [--channel NAME]
                         [--reply-timeout SECONDS]

  --emulator URL            the emulator's address (default: $EDGEWARD_EMULATOR_URL or ${DEFAULT_EMULATOR_URL})
  --user NAME               act as this user at start (default: ada)
  --guild NAME              start in this guild
  --channel NAME            start in this channel (default: #general)
  --reply-timeout SECONDS   how long to wait for the bot's reply to a message such as !help
                            (default: $EDGEWARD_REPLY_TIMEOUT or ${DEFAULT_REPLY_TIMEOUT_S})`;

/** A positive number of seconds as ms, or undefined. */
function secondsToMs(text: string): number | undefined {
  const seconds = Number(text);
  return text.trim() !== '' && Number.isFinite(seconds) && seconds > 0
    ? Math.round(seconds * 1000)
    : undefined;
}

export function parseClientArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Result<ClientArgs> {
  const args: ClientArgs = {
    emulator: env.EDGEWARD_EMULATOR_URL || DEFAULT_EMULATOR_URL,
    replyTimeoutMs: DEFAULT_REPLY_TIMEOUT_S * 1000,
    help: false,
  };
  if (env.EDGEWARD_REPLY_TIMEOUT) {
    const ms = secondsToMs(env.EDGEWARD_REPLY_TIMEOUT);
    if (ms === undefined) return fail(`EDGEWARD_REPLY_TIMEOUT must be a number of seconds above 0`);
    args.replyTimeoutMs = ms;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const match = /^--(emulator|user|guild|channel|reply-timeout)(?:=(.*))?$/.exec(arg);
    if (!match) return fail(`unknown argument "${arg}"`);
    const key = match[1] as 'emulator' | 'user' | 'guild' | 'channel' | 'reply-timeout';
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') return fail(`--${key} needs a value`);
    if (key === 'reply-timeout') {
      const ms = secondsToMs(value);
      if (ms === undefined)
        return fail(`--reply-timeout must be a number of seconds above 0, not "${value}"`);
      args.replyTimeoutMs = ms;
    } else {
      args[key] = value;
    }
  }
  if (!/^https?:\/\//.test(args.emulator))
    return fail(`--emulator must be an http(s) URL, not "${args.emulator}"`);
  args.emulator = args.emulator.replace(/\/+$/, '');
  return ok(args);
}
