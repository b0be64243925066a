import { z } from 'zod';
import type { EmulatorContext } from './context';
import { parseControlBody } from './gateway/config';
import { ControlError, json, type Reply } from './http';
import { oauthConfigPatch } from './oauth/config';
import { findLoginUser } from './oauth/login';

/**
 * Control calls for OAuth2 (see docs/emulator.md, "OAuth2"): who the authorize page logs in as, deny mode, the
 * client settings, expiring tokens, and a redacted view of the codes and tokens issued.
 */
type Add = (
  method: string,
  path: string,
  handler: (req: { ctx: EmulatorContext; body: unknown }) => Reply,
) => void;

const currentUserBody = z.object({ user_id: z.string().min(1).nullable() }).strict();
const modeBody = z.object({ deny: z.boolean() }).strict();
const expireBody = z
  .object({ user_id: z.string().min(1), refresh: z.boolean() })
  .partial()
  .strict();

export function registerOAuthControlRoutes(add: Add): void {
  add('PUT', '/oauth/current-user', ({ ctx, body }) => {
    const { user_id } = parseControlBody(currentUserBody, body);
    if (user_id === null) {
      ctx.oauth.currentUserId = null;
    } else {
      const user = findLoginUser(ctx, user_id);
      if (!user)
        throw new ControlError(400, `no user ${user_id} who can log in (a user id or username, not a bot)`);
      ctx.oauth.currentUserId = user.id;
    }
    return json(200, { user_id: ctx.oauth.currentUserId });
  });
  add('PUT', '/oauth/mode', ({ ctx, body }) => {
    ctx.oauth.deny = parseControlBody(modeBody, body).deny;
    return json(200, { deny: ctx.oauth.deny });
  });
  add('GET', '/oauth/config', ({ ctx }) => json(200, ctx.oauth.config));
  add('PUT', '/oauth/config', ({ ctx, body }) =>
    json(200, ctx.oauth.applyConfig(parseControlBody(oauthConfigPatch, body))),
  );
  add('POST', '/oauth/expire', ({ ctx, body }) => {
    const { user_id, refresh } = parseControlBody(expireBody, body);
    if (user_id !== undefined && !ctx.store.user(user_id))
      throw new ControlError(404, `unknown user ${user_id}`);
    return json(200, { expired: ctx.oauth.expire(ctx.clock.now(), user_id, refresh ?? false) });
  });
  add('GET', '/oauth/state', ({ ctx }) => json(200, ctx.oauth.view(ctx.clock.now())));
}
