import type { Config } from '../config';
import type { Env } from '../env';

export const coordinatorOf = (env: Env) =>
  env.GATEWAY_COORDINATOR.get(env.GATEWAY_COORDINATOR.idFromName('coordinator'));

/** Starts every gateway shard that is not running (no-op when `GATEWAY_ENABLED` is off). */
export async function ensureShards(env: Env, config: Config): Promise<void> {
  if (!config.gateway.enabled) return;
  await coordinatorOf(env).ensureShards();
}

let ensuredInThisIsolate = false;

/**
 * The first request an isolate serves after a deploy also makes sure the shards run, so they come
 * back within seconds of a deploy rather than at the next cron tick.
 */
export function ensureShardsOnce(env: Env, config: Config, waitUntil: (work: Promise<unknown>) => void) {
  if (ensuredInThisIsolate || !config.gateway.enabled) return;
  ensuredInThisIsolate = true;
  waitUntil(
    ensureShards(env, config).catch((error) => {
      ensuredInThisIsolate = false;
      console.error('Edgeward: could not start the gateway shards:', error);
    }),
  );
}

/** A guild's prefix or mention setting changed: the shard holding the guild drops its cached copy now. */
export function prefixChanged(
  services: { env: Env; waitUntil: (work: Promise<unknown>) => void },
  guildId: string,
) {
  // Not gated on GATEWAY_ENABLED: shards started by hand (or before it was turned off) still hear of it;
  // the coordinator does nothing when no shard runs.
  services.waitUntil(
    coordinatorOf(services.env)
      .invalidatePrefix(guildId)
      .catch(() => undefined),
  );
}
