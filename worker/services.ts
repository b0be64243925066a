import { REST } from '@discordjs/rest';
import type { Config } from './config';
import { database } from './db/client';
import { watchRestResponses } from './diagnostics/rest-metrics';
import { setUpDiagnostics } from './diagnostics/setup';
import { reportInvalidRequests } from './discord/invalid-request-budget';
import type { Env } from './env';
import type { Services } from './framework/context';
import type { Registry } from './framework/registry';
import { GuildSettingsStore } from './settings/guild-settings';

/** A REST client for the configured API base (`DISCORD_API_BASE` may end in a version: /api/v10). */
export function createRest(
  config: Pick<Config, 'apiBase' | 'token'>,
  mode: 'background' | 'in-request' | 'no-retry' = 'background',
): REST {
  const match = /^(.*)\/v(\d+)$/.exec(config.apiBase);
  return new REST({
    api: match?.[1] ?? config.apiBase,
    version: match?.[2] ?? '10',
    // Workers: no background timers outside a request.
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
    // While Discord waits for the interaction response (3 s), a call must fail fast rather than wait out a
    // rate limit or retry; in the background, waiting and retrying is right.
    // A restore must never resend a write on its own (a 5xx may hide a write that happened): it
    // reconciles through the audit log instead. Rate limits are still waited out (nothing was written).
    ...(mode === 'in-request'
      ? { timeout: IN_REQUEST_TIMEOUT_MS, retries: 0, rejectOnRateLimit: () => true }
      : mode === 'no-retry'
        ? { timeout: 15_000, retries: 0 }
        : { timeout: 10_000, retries: 2 }),
  }).setToken(config.token);
}

/** REST calls made before the interaction is answered give up after this long. */
export const IN_REQUEST_TIMEOUT_MS = 1500;

export function createServices(
  env: Env,
  config: Config,
  registry: Registry,
  waitUntil: (work: Promise<unknown>) => void,
  origin = '',
): Services {
  const db = database(env.DB);
  setUpDiagnostics(db, config, env, origin);
  let rest: REST | undefined;
  let restNow: REST | undefined;
  return {
    env,
    config,
    db,
    registry,
    waitUntil,
    origin,
    settings: new GuildSettingsStore(db, config),
    rest: () => {
      rest ??= watchRestResponses(
        reportInvalidRequests(createRest(config), env, config.restInvalidBudget, waitUntil),
        db,
        waitUntil,
      );
      return rest;
    },
    restNow: () => {
      restNow ??= watchRestResponses(
        reportInvalidRequests(createRest(config, 'in-request'), env, config.restInvalidBudget, waitUntil),
        db,
        waitUntil,
      );
      return restNow;
    },
  };
}
