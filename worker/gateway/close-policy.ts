import { GatewayCloseCodes } from 'discord-api-types/v10';

/** What a shard does after its connection closed with a code. */
export type CloseAction =
  /** Reconnect and resume the session (events missed meanwhile are replayed). */
  | 'resume'
  /** Reconnect with a new session (Identify). */
  | 'identify'
  /** Stop: reconnecting cannot help until the configuration changes. Reported, never retried. */
  | 'fatal';

const FATAL: Record<number, string> = {
  [GatewayCloseCodes.AuthenticationFailed]: 'the bot token was refused (4004): check DISCORD_TOKEN',
  [GatewayCloseCodes.InvalidShard]: 'invalid shard (4010): check SHARD_COUNT',
  [GatewayCloseCodes.ShardingRequired]:
    'sharding required (4011): set SHARD_COUNT or let Discord recommend one',
  [GatewayCloseCodes.InvalidAPIVersion]: 'invalid gateway version (4012)',
  [GatewayCloseCodes.InvalidIntents]: 'invalid intents (4013)',
  [GatewayCloseCodes.DisallowedIntents]:
    'a privileged intent is not enabled for this application (4014): enable Message Content (and Server Members if GATEWAY_MEMBERS_INTENT is on) in the Developer Portal, or set GATEWAY_MESSAGE_CONTENT=false',
};

/** Codes after which Discord's docs say to start a new session. */
const NEW_SESSION = new Set<number>([
  GatewayCloseCodes.NotAuthenticated,
  GatewayCloseCodes.AlreadyAuthenticated,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
]);

/** The documented meaning of each gateway close code (`developers/topics/opcodes-and-status-codes.mdx`). */
export function closeAction(code: number): CloseAction {
  if (code in FATAL) return 'fatal';
  if (NEW_SESSION.has(code)) return 'identify';
  return 'resume';
}

/** Why a fatal close stops the shard, for the monitor and the alerts. */
export function fatalReason(code: number): string | null {
  return FATAL[code] ?? null;
}

/**
 * The codes the shard itself closes with when it means to resume. 1000 and 1001 would end the session
 * on Discord's side, so they are used only when the shard stops for good.
 */
export const CLOSE_TO_RESUME = 4900;
export const CLOSE_ZOMBIE = 4901;
export const CLOSE_STOP = 1000;

/** Reconnect delay: exponential with jitter, 1 s doubling to 60 s. */
export function backoffMs(failures: number, random = Math.random()): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random));
}
