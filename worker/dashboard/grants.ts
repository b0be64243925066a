import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { dashboardGrants } from '../db/schema';
import { auditInsert } from '../settings/audit';

export const GRANT_ROLES = ['viewer', 'settings', 'backups', 'restore'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];
export const grantRoleSchema = z.enum(GRANT_ROLES, { message: `must be one of ${GRANT_ROLES.join(', ')}` });

export interface Grant {
  userId: string;
  role: GrantRole;
  grantedBy: string;
  at: number;
}

/** Dashboard roles that bot owners grant users, per guild. */
export class GrantStore {
  constructor(private readonly db: Database) {}

  async forGuild(guildId: string): Promise<Grant[]> {
    const rows = await this.db.select().from(dashboardGrants).where(eq(dashboardGrants.guildId, guildId));
    return rows.map((r) => ({
      userId: r.userId,
      role: r.role as GrantRole,
      grantedBy: r.grantedBy,
      at: r.at,
    }));
  }

  /** guild id → role, for one user. */
  async forUser(userId: string): Promise<Map<string, GrantRole>> {
    const rows = await this.db.select().from(dashboardGrants).where(eq(dashboardGrants.userId, userId));
    return new Map(rows.map((r) => [r.guildId, r.role as GrantRole]));
  }

  set(guildId: string, userId: string, role: GrantRole, grantedBy: string) {
    return this.db.batch([
      this.db
        .insert(dashboardGrants)
        .values({ guildId, userId, role, grantedBy, at: Date.now() })
        .onConflictDoUpdate({
          target: [dashboardGrants.guildId, dashboardGrants.userId],
          set: { role, grantedBy, at: Date.now() },
        }),
      auditInsert(this.db, {
        guildId,
        actorId: grantedBy,
        action: 'dashboard.grant',
        details: { userId, role },
      }),
    ]);
  }

  remove(guildId: string, userId: string, actorId: string) {
    return this.db.batch([
      this.db
        .delete(dashboardGrants)
        .where(and(eq(dashboardGrants.guildId, guildId), eq(dashboardGrants.userId, userId))),
      auditInsert(this.db, { guildId, actorId, action: 'dashboard.revoke', details: { userId } }),
    ]);
  }
}
