import type { APIInteraction } from 'discord-api-types/v10';
import type { Context } from 'hono';
import type { Config } from '../config';
import type { Env } from '../env';
import { dispatchInteraction } from '../framework/dispatch-interaction';
import type { Registry } from '../framework/registry';
import { createServices } from '../services';
import { interactionEnvelope } from './interaction-envelope';
import { readLimitedBody } from './read-limited-body';
import { checkSignature } from './verify-signature';

export type AppEnv = { Bindings: Env; Variables: { config: Config } };

/**
 * POST /interactions: verify the signature before anything else, parse, dispatch; the HTTP body is the
 * reply. Deferred work continues in `waitUntil`.
 */
export function interactionsRoute(registryFor: (config: Config) => Registry) {
  return async (c: Context<AppEnv>) => {
    const config = c.get('config');
    const body = await readLimitedBody(c.req.raw);
    if (body === null) return c.json({ error: 'request body too large' }, 413);
    const signature = await checkSignature(
      config.publicKey,
      c.req.header('x-signature-ed25519'),
      c.req.header('x-signature-timestamp'),
      body,
      config.signatureMaxAgeSeconds,
    );
    if (!signature.ok) return c.json({ error: `invalid request signature (${signature.reason})` }, 401);

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    const envelope = interactionEnvelope.safeParse(json);
    if (!envelope.success) {
      return c.json(
        { error: 'body is not an interaction', issues: envelope.error.issues.map((i) => i.message) },
        400,
      );
    }
    const interaction = json as APIInteraction;
    const services = createServices(
      c.env,
      config,
      registryFor(config),
      (work) => c.executionCtx.waitUntil(work),
      new URL(c.req.url).origin,
    );
    return c.json(await dispatchInteraction(interaction, services));
  };
}
