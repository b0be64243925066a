/**
 * Cron triggers for `npm start`. `wrangler dev` never fires a worker's crons on its own ("Scheduled Workers are
 * not automatically triggered during local development"), so the offline demo would never run scheduled tasks,
 * auto-backups, health checks or housekeeping. This fires, at the start of every minute, each cron of
 * wrangler.toml that matches that minute (UTC, as Cloudflare does), through wrangler's own
 * `/cdn-cgi/handler/scheduled` route.
 */
import { readFileSync } from 'node:fs';
import { Cron } from 'croner';

const MINUTE_MS = 60_000;

/** The `crons = [...]` of a wrangler.toml's `[triggers]` table. */
export function cronsOf(toml: string): string[] {
  const match = /^\s*crons\s*=\s*(\[[^\]]*\])/m.exec(toml);
  if (!match) return [];
  const crons: unknown = JSON.parse(match[1] as string);
  if (!Array.isArray(crons) || !crons.every((c) => typeof c === 'string'))
    throw new Error('wrangler.toml: [triggers] crons must be a list of strings');
  return crons;
}

/** The crons that fire in the minute starting at `minuteMs` (UTC). */
export function cronsDueAt(crons: readonly string[], minuteMs: number): string[] {
  return crons.filter((expr) => {
    const next = new Cron(expr, { timezone: 'UTC', mode: '5-part' }).nextRun(new Date(minuteMs - 1));
    return next?.getTime() === minuteMs;
  });
}

export interface CronDriverOptions {
  workerUrl: string;
  crons: readonly string[];
  fetch?: typeof fetch;
  now?: () => number;
  onError?: (cron: string, error: unknown) => void;
}

/** Fires the crons due in the minute starting at `minuteMs`; resolves when the worker has answered each. */
export async function fireDueCrons(options: CronDriverOptions, minuteMs: number): Promise<string[]> {
  const due = cronsDueAt(options.crons, minuteMs);
  const call = options.fetch ?? fetch;
  await Promise.all(
    due.map(async (cron) => {
      const url = `${options.workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}&time=${minuteMs}`;
      try {
        const res = await call(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      } catch (error) {
        options.onError?.(cron, error);
      }
    }),
  );
  return due;
}

/** Fires due crons at the start of every minute until `stop()`. */
export function startCronDriver(options: CronDriverOptions): { stop(): void } {
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    const next = Math.floor(now() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    timer = setTimeout(() => {
      void fireDueCrons(options, next);
      schedule();
    }, next - now());
  };
  schedule();
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** The crons of the project's wrangler.toml. */
export function projectCrons(root: string): string[] {
  return cronsOf(readFileSync(`${root}wrangler.toml`, 'utf8'));
}
