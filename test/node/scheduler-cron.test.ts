import { describe, expect, it } from 'vitest';
import {
  canonicalTimezone,
  nextRunTime,
  nextRunTimes,
  parseSchedule,
  type Schedule,
  wallTime,
} from '../../worker/scheduler/cron';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function schedule(cron: string, timezone = 'UTC'): Schedule {
  const parsed = parseSchedule(cron, timezone);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.schedule;
}

function errorOf(cron: string, timezone?: string): string {
  const parsed = parseSchedule(cron, timezone);
  if (parsed.ok) throw new Error(`expected "${cron}" (${timezone}) to be refused`);
  return parsed.error;
}

describe('weekday numbering: 0 = Sunday (the seed used 0 = Monday)', () => {
  // 2025-01-01 is a Wednesday.
  const from = at('2025-01-01T00:00:00Z');

  it('0 and 7 are Sunday, 1 is Monday, 6 is Saturday', () => {
    const day = (cron: string) => new Date(nextRunTime(schedule(cron), from)!).getUTCDay();
    expect(day('0 9 * * 0')).toBe(0);
    expect(day('0 9 * * 7')).toBe(0);
    expect(day('0 9 * * 1')).toBe(1);
    expect(day('0 9 * * 6')).toBe(6);
    expect(iso(nextRunTime(schedule('0 9 * * 0'), from)!)).toBe('2025-01-05T09:00:00.000Z');
  });

  it('names and ranges: MON-FRI skips the weekend', () => {
    const runs = nextRunTimes(schedule('30 8 * * MON-FRI'), at('2025-01-02T12:00:00Z'), 3);
    expect(runs.map(iso)).toEqual([
      '2025-01-03T08:30:00.000Z', // Friday
      '2025-01-06T08:30:00.000Z', // Monday
      '2025-01-07T08:30:00.000Z',
    ]);
  });
});

describe('next runs', () => {
  it('computes the next five, strictly after the given time', () => {
    const every15 = schedule('*/15 * * * *');
    expect(nextRunTimes(every15, at('2025-01-01T00:07:00Z'), 5).map(iso)).toEqual([
      '2025-01-01T00:15:00.000Z',
      '2025-01-01T00:30:00.000Z',
      '2025-01-01T00:45:00.000Z',
      '2025-01-01T01:00:00.000Z',
      '2025-01-01T01:15:00.000Z',
    ]);
    expect(iso(nextRunTime(every15, at('2025-01-01T00:15:00Z'))!)).toBe('2025-01-01T00:30:00.000Z');
  });

  it('lists, ranges with steps and months', () => {
    expect(nextRunTimes(schedule('0 0 1 JAN,JUL *'), at('2025-02-01T00:00:00Z'), 2).map(iso)).toEqual([
      '2025-07-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(nextRunTimes(schedule('0 9-17/4 * * *'), at('2025-01-01T00:00:00Z'), 4).map(iso)).toEqual([
      '2025-01-01T09:00:00.000Z',
      '2025-01-01T13:00:00.000Z',
      '2025-01-01T17:00:00.000Z',
      '2025-01-02T09:00:00.000Z',
    ]);
  });

  it('normalises spacing of the stored expression', () => {
    expect(schedule('  0   9 *  * 1 ').cron).toBe('0 9 * * 1');
  });
});

describe('timezones', () => {
  it('evaluates the schedule in the task timezone, default UTC', () => {
    const parsed = parseSchedule('0 9 * * *');
    expect(parsed.ok && parsed.schedule.timezone).toBe('UTC');
    // Berlin is UTC+1 in winter, UTC+2 in summer.
    expect(iso(nextRunTime(schedule('0 9 * * *', 'Europe/Berlin'), at('2025-01-10T00:00:00Z'))!)).toBe(
      '2025-01-10T08:00:00.000Z',
    );
    expect(iso(nextRunTime(schedule('0 9 * * *', 'Europe/Berlin'), at('2025-07-10T00:00:00Z'))!)).toBe(
      '2025-07-10T07:00:00.000Z',
    );
  });

  it('canonicalises timezone names and shows wall time in the zone', () => {
    expect(canonicalTimezone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimezone('UTC')).toBe('UTC');
    expect(wallTime(at('2025-01-06T08:00:00Z'), 'Europe/Berlin')).toMatch(/Mon.*6 Jan 2025.*09:00/);
  });

  it('America/New_York spring forward: 02:30 does not exist on 9 March 2025, the run happens once, an hour later', () => {
    const runs = nextRunTimes(schedule('30 2 * * *', 'America/New_York'), at('2025-03-07T12:00:00Z'), 4);
    expect(runs.map(iso)).toEqual([
      '2025-03-08T07:30:00.000Z', // 02:30 EST
      '2025-03-09T07:30:00.000Z', // 03:30 EDT: the skipped 02:30, shifted by the gap
      '2025-03-10T06:30:00.000Z', // 02:30 EDT
      '2025-03-11T06:30:00.000Z',
    ]);
  });

  it('America/New_York fall back: 01:30 happens twice on 2 November 2025, the task runs once', () => {
    const runs = nextRunTimes(schedule('30 1 * * *', 'America/New_York'), at('2025-11-01T12:00:00Z'), 3);
    expect(runs.map(iso)).toEqual([
      '2025-11-02T05:30:00.000Z', // 01:30 EDT, the first one; not again at 06:30Z (01:30 EST)
      '2025-11-03T06:30:00.000Z', // 01:30 EST
      '2025-11-04T06:30:00.000Z',
    ]);
    const halfHourly = nextRunTimes(
      schedule('*/30 1 * * *', 'America/New_York'),
      at('2025-11-02T04:00:00Z'),
      3,
    );
    expect(halfHourly.map(iso)).toEqual([
      '2025-11-02T05:00:00.000Z',
      '2025-11-02T05:30:00.000Z',
      '2025-11-03T06:00:00.000Z',
    ]);
  });

  it('Europe/Berlin: the offset changes with DST on 30 March and 26 October 2025', () => {
    const morning = schedule('0 9 * * *', 'Europe/Berlin');
    expect(nextRunTimes(morning, at('2025-03-29T00:00:00Z'), 2).map(iso)).toEqual([
      '2025-03-29T08:00:00.000Z', // CET
      '2025-03-30T07:00:00.000Z', // CEST
    ]);
    expect(nextRunTimes(morning, at('2025-10-25T00:00:00Z'), 2).map(iso)).toEqual([
      '2025-10-25T07:00:00.000Z', // CEST
      '2025-10-26T08:00:00.000Z', // CET
    ]);
    const skipped = schedule('30 2 * * *', 'Europe/Berlin');
    expect(iso(nextRunTime(skipped, at('2025-03-29T12:00:00Z'))!)).toBe('2025-03-30T01:30:00.000Z');
    expect(nextRunTimes(skipped, at('2025-10-25T12:00:00Z'), 2).map(iso)).toEqual([
      '2025-10-26T00:30:00.000Z', // 02:30 CEST, once
      '2025-10-27T01:30:00.000Z',
    ]);
  });
});

describe('invalid input gets a clear message', () => {
  it('refuses the wrong number of fields', () => {
    expect(errorOf('* * * *')).toMatch(/5 fields.*has 4/);
    expect(errorOf('0 * * * * *')).toMatch(/5 fields.*has 6/);
    expect(errorOf('@daily')).toMatch(/5 fields/);
    expect(errorOf('')).toMatch(/5 fields/);
  });

  it('refuses non-standard syntax and out-of-range values, naming the field', () => {
    expect(errorOf('0 0 L * *')).toMatch(/day of month field `L`/);
    expect(errorOf('0 0 * * 5#2')).toMatch(/day of week field/);
    expect(errorOf('0 0 ? * *')).toMatch(/day of month field/);
    expect(errorOf('60 * * * *')).toMatch(/not a valid cron expression.*minute: 60/);
    expect(errorOf('* 24 * * *')).toMatch(/not a valid cron expression/);
    expect(errorOf('*/0 * * * *')).toMatch(/not a valid cron expression/);
    expect(errorOf('5-1 * * * *')).toMatch(/not a valid cron expression/);
    expect(errorOf('0 0 * FOO *')).toMatch(/not a valid cron expression/);
  });

  it('refuses a schedule that never runs', () => {
    expect(errorOf('0 0 30 2 *')).toMatch(/never runs/);
  });

  it('refuses unknown timezones and bare offsets', () => {
    expect(errorOf('0 9 * * *', 'Mars/Olympus_Mons')).toMatch(/not an IANA timezone/);
    expect(errorOf('0 9 * * *', '+02:00')).toMatch(/not an IANA timezone/);
    expect(errorOf('0 9 * * *', '')).toMatch(/not an IANA timezone/);
    expect(canonicalTimezone('Not/AZone')).toBeNull();
  });
});
