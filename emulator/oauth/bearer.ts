import type { EmulatorContext } from '../context';
import { errors } from '../http';
import { userObject } from '../serialize';
import type { TokenPair } from './store';

/**
 * What a Bearer token reads (`developers/resources/user.mdx`, `topics/oauth2.mdx`). A token without the scope a
 * route needs gets the same 401 as a bad token.
 */
export function requireScope(pair: TokenPair, scope: string): void {
  if (!pair.scopes.includes(scope)) throw errors.unauthorized();
}

/**
 * `GET /users/@me` for a token with `identify`: the user plus the fields Discord adds for the current user
 * (`flags`, `locale`, `mfa_enabled`, `premium_type`, `banner`, `accent_color`), and `email` + `verified` only with
 * the `email` scope (a fixture user without `email` gets `<username>@example.com`).
 */
export function currentUserObject(ctx: EmulatorContext, pair: TokenPair): Record<string, unknown> {
  requireScope(pair, 'identify');
  const user = userObject(ctx, pair.userId);
  if (!user) throw errors.unauthorized();
  const out: Record<string, unknown> = { ...user };
  const defaults: Record<string, unknown> = {
    banner: null,
    accent_color: null,
    flags: user.public_flags ?? 0,
    locale: 'en-US',
    mfa_enabled: false,
    premium_type: 0,
  };
  for (const [key, value] of Object.entries(defaults)) if (!(key in out)) out[key] = value;
  if (pair.scopes.includes('email')) {
    out.email = user.email ?? `${user.username}@example.com`;
    out.verified = user.verified ?? true;
  } else {
    delete out.email;
    delete out.verified;
  }
  return out;
}

/** `GET /oauth2/@me`: `{application (partial), scopes, expires, user?}`; `user` only with `identify`. */
export function authorizationInfo(ctx: EmulatorContext, pair: TokenPair): Record<string, unknown> {
  const { application } = ctx.store.state;
  const info: Record<string, unknown> = {
    application: {
      id: application.id,
      name: application.name,
      icon: application.icon,
      description: application.description,
      hook: true,
      bot_public: application.bot_public,
      bot_require_code_grant: application.bot_require_code_grant,
      verify_key: ctx.keys.publicKeyHex,
    },
    scopes: [...pair.scopes],
    expires: new Date(pair.expiresAt).toISOString(),
  };
  const user = pair.scopes.includes('identify') ? userObject(ctx, pair.userId) : undefined;
  if (user) info.user = user;
  return info;
}
