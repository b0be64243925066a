/**
 * Cron triggers for `npm start`. `wrangler dev` never fires a worker's crons on its own ("Scheduled Workers are
 * not automatically triggered during local development"), so the offline demo would never run scheduled tasks,
 * auto-backups, health checks or housekeeping. This fires, at the start of every minute, each cron of
 * wrangler.toml that matches that minute (UTC, as Cloudflare does), through the route wrangler's local server
 * offers for it (`/cdn-cgi/local/scheduled`, the one its own warning names).
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
      const url = `${options.workerUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}&time=${minuteMs}`;
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

/** The minute to fire after `fired`: the next one, or the coming one when the machine slept past it. */
export function nextMinuteAfter(fired: number, nowMs: number): number {
  return Math.max(fired + MINUTE_MS, Math.floor(nowMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
}

/** Fires due crons at the start of every minute until `stop()`; each minute once, even if a timer fires early. */
export function startCronDriver(options: CronDriverOptions): { stop(): void } {
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (minute: number) => {
    timer = setTimeout(
      () => {
        void fireDueCrons(options, minute);
        schedule(nextMinuteAfter(minute, now()));
      },
      Math.max(0, minute - now()),
    );
  };
  schedule(Math.floor(now() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
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
