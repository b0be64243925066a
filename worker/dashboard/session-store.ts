import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { dashboardSessions } from '../db/schema';
import type { OAuthGuild, OAuthTokens, OAuthUser } from './discord-oauth';
import { randomToken, seal, sha256Hex, unseal } from './secrets';

/** A session lasts at most this long (and never past Discord's token). */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

export interface DashboardSession {
  idHash: string;
  userId: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
  accessToken: string;
  refreshToken: string;
  tokenExpiresAt: number;
  csrfToken: string;
  expiresAt: number;
  guilds: OAuthGuild[] | null;
  guildsFetchedAt: number | null;
}

/** Sessions in D1: the cookie value is never stored, only its hash; tokens are sealed with the client secret. */
export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly secret: string,
  ) {}

  /** Creates a session; returns the cookie value and the session. */
  async create(user: OAuthUser, tokens: OAuthTokens, now = Date.now()) {
    const id = randomToken(32);
    const idHash = await sha256Hex(id);
    const tokenExpiresAt = now + tokens.expires_in * 1000;
    const row = {
      idHash,
      userId: user.id,
      username: user.username,
      globalName: user.global_name ?? null,
      avatar: user.avatar ?? null,
      tokens: await seal(
        this.secret,
        JSON.stringify({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token }),
      ),
      tokenExpiresAt,
      csrfToken: randomToken(24),
      createdAt: now,
      expiresAt: Math.min(now + SESSION_MAX_MS, tokenExpiresAt),
      guilds: null,
      guildsFetchedAt: null,
    };
    await this.db.insert(dashboardSessions).values(row);
    return { cookie: id, expiresAt: row.expiresAt };
  }

  /** The live session for a cookie value, or null (unknown, tampered, expired or undecryptable). */
  async find(cookie: string | undefined, now = Date.now()): Promise<DashboardSession | null> {
    if (!cookie || !/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return null;
    const idHash = await sha256Hex(cookie);
    const row = (
      await this.db.select().from(dashboardSessions).where(eq(dashboardSessions.idHash, idHash))
    )[0];
    if (!row) return null;
    if (row.expiresAt <= now) {
      await this.delete(idHash);
      return null;
    }
    const tokens = await unseal(this.secret, row.tokens);
    if (!tokens) return null;
    const { accessToken, refreshToken } = JSON.parse(tokens) as { accessToken: string; refreshToken: string };
    return {
      idHash,
      userId: row.userId,
      username: row.username,
      globalName: row.globalName,
      avatar: row.avatar,
      accessToken,
      refreshToken,
      tokenExpiresAt: row.tokenExpiresAt,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      guilds: row.guilds ? (JSON.parse(row.guilds) as OAuthGuild[]) : null,
      guildsFetchedAt: row.guildsFetchedAt,
    };
  }

  async saveGuilds(idHash: string, guilds: OAuthGuild[], now = Date.now()) {
    await this.db
      .update(dashboardSessions)
      .set({ guilds: JSON.stringify(guilds), guildsFetchedAt: now })
      .where(eq(dashboardSessions.idHash, idHash));
  }

  async delete(idHash: string) {
    await this.db.delete(dashboardSessions).where(eq(dashboardSessions.idHash, idHash));
  }
}

/** Housekeeping (hourly cron): sessions past their expiry. */
export async function purgeExpiredSessions(db: Database, now = Date.now()) {
  await db.delete(dashboardSessions).where(lt(dashboardSessions.expiresAt, now));
}
