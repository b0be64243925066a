import { DurableObject } from 'cloudflare:workers';
import { type BudgetState, budgetState, INVALID_WINDOW_MS } from '../worker/discord/invalid-request-budget';
import type { Env } from '../worker/env';

/**
 * The deployment's invalid-request budget, one instance for every isolate. Discord bans an IP that makes
 * 10,000 invalid requests (401, 403, 429) in 10 minutes; every REST client reports the ones it saw here,
 * and background work (restores, backups) asks before it writes. A Cloudflare-level block seen by anyone
 * pauses everyone.
 */
export class RestBudget extends DurableObject<Env> {
  /** Invalid requests per minute (epoch minute → count), the last 10 minutes. */
  private minutes: Map<number, number> | null = null;
  private blockedUntil = 0;
  private blockReason: string | null = null;

  private async load() {
    if (this.minutes) return this.minutes;
    const stored = await this.ctx.storage.get<[number, number][]>('minutes');
    this.blockedUntil = (await this.ctx.storage.get<number>('blockedUntil')) ?? 0;
    this.blockReason = (await this.ctx.storage.get<string>('blockReason')) ?? null;
    this.minutes = new Map(stored ?? []);
    return this.minutes;
  }

  private prune(now: number) {
    const oldest = Math.floor((now - INVALID_WINDOW_MS) / 60_000);
    for (const minute of this.minutes?.keys() ?? []) if (minute <= oldest) this.minutes?.delete(minute);
  }

  /** Adds invalid requests a client saw, and answers the state after it. */
  async report(invalid: number, limit: number): Promise<BudgetState> {
    const minutes = await this.load();
    const now = Date.now();
    this.prune(now);
    if (invalid > 0) {
      const minute = Math.floor(now / 60_000);
      minutes.set(minute, (minutes.get(minute) ?? 0) + invalid);
      await this.ctx.storage.put('minutes', [...minutes]);
    }
    return this.state(limit);
  }

  /** Someone saw Cloudflare (not Discord) refuse a request: everyone's background work waits. */
  async block(forMs: number, reason: string): Promise<void> {
    await this.load();
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + forMs);
    this.blockReason = reason;
    await this.ctx.storage.put({ blockedUntil: this.blockedUntil, blockReason: reason });
  }

  async state(limit: number): Promise<BudgetState> {
    const minutes = await this.load();
    const now = Date.now();
    this.prune(now);
    const invalid = [...minutes.values()].reduce((a, b) => a + b, 0);
    return budgetState({
      invalid,
      limit,
      now,
      blockedUntil: this.blockedUntil,
      blockReason: this.blockReason,
      oldestMinute: Math.min(...minutes.keys()),
    });
  }
}
