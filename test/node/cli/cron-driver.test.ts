import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cronsDueAt, cronsOf, fireDueCrons, nextMinuteAfter } from '../../../cli/cron-driver';

const at = (iso: string) => Date.parse(iso);

describe('the cron driver of npm start', () => {
  it("reads the worker's crons from wrangler.toml", () => {
    expect(cronsOf(readFileSync('wrangler.toml', 'utf8'))).toEqual([
      '* * * * *',
      '*/5 * * * *',
      '17 * * * *',
    ]);
    expect(cronsOf('[triggers]\n')).toEqual([]);
    expect(() => cronsOf('crons = [1, 2]')).toThrow('must be a list of strings');
  });

  it('fires, each minute, the crons that match it in UTC', () => {
    const crons = ['* * * * *', '*/5 * * * *', '17 * * * *'];
    expect(cronsDueAt(crons, at('2026-11-26T10:00:00Z'))).toEqual(['* * * * *', '*/5 * * * *']);
    expect(cronsDueAt(crons, at('2026-11-26T10:03:00Z'))).toEqual(['* * * * *']);
    expect(cronsDueAt(crons, at('2026-11-26T23:17:00Z'))).toEqual(['* * * * *', '17 * * * *']);
  });

  it('fires each minute once: a timer that fires early does not repeat a minute, a sleep skips to the next', () => {
    const ten = at('2026-11-26T10:00:00Z');
    expect(nextMinuteAfter(ten, ten - 3)).toBe(ten + 60_000);
    expect(nextMinuteAfter(ten, ten + 5)).toBe(ten + 60_000);
    expect(nextMinuteAfter(ten, ten + 7 * 60_000 + 30_000)).toBe(ten + 8 * 60_000);
  });

  it("calls wrangler's scheduled route with the cron and the minute, and reports a failure", async () => {
    const called: string[] = [];
    const errors: string[] = [];
    const due = await fireDueCrons(
      {
        workerUrl: 'http://127.0.0.1:8787',
        crons: ['* * * * *', '*/5 * * * *'],
        fetch: async (url) => {
          called.push(String(url));
          return new Response(null, { status: String(url).includes('%2F5') ? 500 : 200 });
        },
        onError: (cron, error) => errors.push(`${cron}: ${(error as Error).message}`),
      },
      at('2026-11-26T10:05:00Z'),
    );
    expect(due).toEqual(['* * * * *', '*/5 * * * *']);
    expect(called).toEqual([
      `http://127.0.0.1:8787/cdn-cgi/local/scheduled?cron=*%20*%20*%20*%20*&time=${at('2026-11-26T10:05:00Z')}`,
      `http://127.0.0.1:8787/cdn-cgi/local/scheduled?cron=*%2F5%20*%20*%20*%20*&time=${at('2026-11-26T10:05:00Z')}`,
    ]);
    expect(errors).toEqual(['*/5 * * * *: HTTP 500']);
  });
});
