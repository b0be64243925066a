import { randomBytes, randomInt } from 'node:crypto';
import { CODE_LIFETIME_MS, type OAuthConfig, type OAuthConfigPatch } from './config';

/**
 * What the emulated authorization server remembers: codes, tokens, the "current user" and deny mode. Times are the
 * emulator clock (so `PUT /__emulator/time-offset` ages codes and tokens too).
 *
 * An authorization is one user's grant to the application, as in Discord's "Authorized Apps": revoking any of its
 * tokens ends every access and refresh token that user holds for the application (`oauth2.mdx`, token revocation).
 */
export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  issuedAt: number;
  expiresAt: number;
  used: boolean;
}

/** `rotated`: used by a refresh; `expired`: `POST /__emulator/oauth/expire {refresh: true}`. */
export type RefreshState = 'active' | 'rotated' | 'expired' | 'revoked';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  refresh: RefreshState;
}

export type Redeemed = { ok: true; code: AuthCode } | { ok: false; field: 'code' | 'redirect_uri' };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 30 random letters and digits, like Discord's codes and tokens. */
function randomToken(): string {
  let out = '';
  for (let i = 0; i < 30; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Secrets in views and logs: only the last 4 characters. */
export function redact(secret: string): string {
  return `…${secret.slice(-4)}`;
}

export class OAuthStore {
  config: OAuthConfig;
  /** Chosen with `PUT /__emulator/oauth/current-user`; a `login_as` choice or its cookie comes first. */
  currentUserId: string | null = null;
  deny = false;
  /** Part of the login cookie: a new value on reset, so browsers forget who they logged in as. */
  epoch = randomBytes(6).toString('hex');
  private codes = new Map<string, AuthCode>();
  private pairs: TokenPair[] = [];
  private byAccess = new Map<string, TokenPair>();
  private byRefresh = new Map<string, TokenPair>();

  constructor(private readonly defaults: OAuthConfig) {
    this.config = structuredClone(defaults);
  }

  reset(): void {
    this.config = structuredClone(this.defaults);
    this.currentUserId = null;
    this.deny = false;
    this.epoch = randomBytes(6).toString('hex');
    this.codes.clear();
    this.pairs = [];
    this.byAccess.clear();
    this.byRefresh.clear();
  }

  applyConfig(patch: OAuthConfigPatch): OAuthConfig {
    if (patch.clientSecret !== undefined) this.config.clientSecret = patch.clientSecret;
    if (patch.redirectUris !== undefined) this.config.redirectUris = patch.redirectUris;
    if (patch.tokenLifetimeSeconds !== undefined)
      this.config.tokenLifetimeSeconds = patch.tokenLifetimeSeconds;
    return this.config;
  }

  issueCode(grant: Pick<AuthCode, 'clientId' | 'redirectUri' | 'scopes' | 'userId'>, now: number): string {
    const code = randomToken();
    this.codes.set(code, { ...grant, code, issuedAt: now, expiresAt: now + CODE_LIFETIME_MS, used: false });
    return code;
  }

  /** Uses up a code: it must exist, be unused and unexpired, and belong to the client and redirect URI. */
  redeemCode(code: string, clientId: string, redirectUri: string | null, now: number): Redeemed {
    const found = this.codes.get(code);
    if (!found || found.used || now >= found.expiresAt || found.clientId !== clientId) {
      return { ok: false, field: 'code' };
    }
    if (redirectUri !== found.redirectUri) return { ok: false, field: 'redirect_uri' };
    found.used = true;
    return { ok: true, code: found };
  }

  issueTokens(grant: Pick<TokenPair, 'clientId' | 'userId' | 'scopes'>, now: number): TokenPair {
    const pair: TokenPair = {
      ...grant,
      scopes: [...grant.scopes],
      accessToken: randomToken(),
      refreshToken: randomToken(),
      issuedAt: now,
      expiresAt: now + this.config.tokenLifetimeSeconds * 1000,
      revoked: false,
      refresh: 'active',
    };
    this.pairs.push(pair);
    this.byAccess.set(pair.accessToken, pair);
    this.byRefresh.set(pair.refreshToken, pair);
    return pair;
  }

  /** A new pair for a live refresh token of this client; the old refresh token dies. */
  refresh(refreshToken: string, clientId: string, now: number): TokenPair | undefined {
    const old = this.byRefresh.get(refreshToken);
    if (old?.refresh !== 'active' || old.clientId !== clientId) return undefined;
    old.refresh = 'rotated';
    return this.issueTokens(old, now);
  }

  /** Revokes the authorization behind an access or refresh token; returns how many pairs ended (0: unknown token). */
  revoke(token: string, clientId: string): number {
    const pair = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (!pair || pair.clientId !== clientId) return 0;
    let ended = 0;
    for (const other of this.pairs) {
      if (other.userId !== pair.userId || other.clientId !== clientId || other.revoked) continue;
      other.revoked = true;
      if (other.refresh === 'active') other.refresh = 'revoked';
      ended += 1;
    }
    return ended;
  }

  /** The pair of a usable access token (known, not revoked, not expired). */
  activeAccess(token: string, now: number): TokenPair | undefined {
    const pair = this.byAccess.get(token);
    return pair && !pair.revoked && now < pair.expiresAt ? pair : undefined;
  }

  /** Ends the live access tokens (of one user, or all) now; with `refresh`, their refresh tokens too. */
  expire(now: number, userId?: string, refresh = false): number {
    let count = 0;
    for (const pair of this.pairs) {
      if (pair.revoked || (userId !== undefined && pair.userId !== userId)) continue;
      let changed = false;
      if (now < pair.expiresAt) {
        pair.expiresAt = now;
        changed = true;
      }
      if (refresh && pair.refresh === 'active') {
        pair.refresh = 'expired';
        changed = true;
      }
      if (changed) count += 1;
    }
    return count;
  }

  view(now: number) {
    return {
      config: this.config,
      currentUserId: this.currentUserId,
      deny: this.deny,
      codes: [...this.codes.values()].map((c) => ({
        code: redact(c.code),
        user_id: c.userId,
        scopes: c.scopes,
        redirect_uri: c.redirectUri,
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        used: c.used,
        expired: now >= c.expiresAt,
      })),
      tokens: this.pairs.map((p) => ({
        access_token: redact(p.accessToken),
        refresh_token: redact(p.refreshToken),
        user_id: p.userId,
        scopes: p.scopes,
        issuedAt: p.issuedAt,
        expiresAt: p.expiresAt,
        expired: now >= p.expiresAt,
        revoked: p.revoked,
        refresh: p.refresh,
      })),
    };
  }
}
