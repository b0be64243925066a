import { z } from 'zod';

/**
 * The OAuth2 client settings of the emulated application (`client_id` is always the application id). Set at start
 * (`startEmulator({oauth})`), changed with `PUT /__emulator/oauth/config`, restored by a reset.
 */
export interface OAuthConfig {
  clientSecret: string;
  /**
   * Registered redirect URIs, matched exactly. `null`: the loopback default, any
   * `http://127.0.0.1[:port]/api/auth/callback` or `http://localhost[:port]/api/auth/callback` (tests use random ports).
   */
  redirectUris: string[] | null;
  /** `expires_in` of access tokens (Discord: 604800, 7 days). */
  tokenLifetimeSeconds: number;
}

export const DEFAULT_OAUTH_CONFIG: OAuthConfig = {
  clientSecret: 'emulator-client-secret',
  redirectUris: null,
  tokenLifetimeSeconds: 604_800,
};

/** Codes are valid this long (Discord does not document it; 10 minutes is the emulator's choice). */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

const LOOPBACK_CALLBACK = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d{1,5})?\/api\/auth\/callback$/;

export const oauthConfigPatch = z
  .object({
    clientSecret: z.string().min(1),
    redirectUris: z.array(z.string().url()).nullable(),
    tokenLifetimeSeconds: z.number().int().min(1),
  })
  .partial()
  .strict();

export type OAuthConfigPatch = z.infer<typeof oauthConfigPatch>;

export function isRegisteredRedirect(config: OAuthConfig, uri: string): boolean {
  return config.redirectUris === null ? LOOPBACK_CALLBACK.test(uri) : config.redirectUris.includes(uri);
}

/** For error pages: what a redirect URI must be. */
export function describeRedirects(config: OAuthConfig): string[] {
  return config.redirectUris === null
    ? ['http://127.0.0.1:<any port>/api/auth/callback', 'http://localhost:<any port>/api/auth/callback']
    : [...config.redirectUris];
}
