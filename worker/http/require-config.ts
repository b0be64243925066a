import type { MiddlewareHandler } from 'hono';
import { loadConfig } from '../config';
import { ensureShardsOnce } from '../gateway/coordinator-client';
import type { AppEnv } from './interactions-route';

/** Stops with a JSON error naming each missing or malformed variable, instead of crashing. */
export const requireConfig: MiddlewareHandler<AppEnv> = async (c, next) => {
  const result = loadConfig(c.env);
  if (!result.ok) {
    return c.json({ error: 'Edgeward is not configured correctly', problems: result.problems }, 500);
  }
  c.set('config', result.config);
  ensureShardsOnce(c.env, result.config, (work) => c.executionCtx.waitUntil(work));
  await next();
};
