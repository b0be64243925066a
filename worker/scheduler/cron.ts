import { Cron } from 'croner';

/**
 * Cron schedules for scheduled tasks: standard 5-field cron (minute hour day-of-month month day-of-week) with
 * the usual weekday numbering, 0 = Sunday (7 is Sunday too; SUN-SAT and JAN-DEC names work), evaluated in an
 * IANA timezone. Parsing and next-run computation are croner's; this file only narrows the accepted syntax to
 * standard cron and turns failures into sentences a user can act on.
 */

export interface Schedule {
  /** The expression as stored: fields separated by single spaces. */
  cron: string;
  /** Canonical IANA name, e.g. Europe/Berlin. */
  timezone: string;
}

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: string };

export const DEFAULT_TIMEZONE = 'UTC';

const FIELDS = [
  { name: 'minute', range: '0-59' },
  { name: 'hour', range: '0-23' },
  { name: 'day of month', range: '1-31' },
  { name: 'month', range: '1-12 or JAN-DEC' },
  { name: 'day of week', range: '0-7 or SUN-SAT, 0 and 7 = Sunday' },
] as const;

/** One standard cron field: a list of `*`, values or ranges, each optionally stepped (`*\/15`, `1-5`, `MON-FRI`). */
const ATOM = '(?:\\d{1,2}|[A-Za-z]{3})';
const ITEM = `(?:\\*|${ATOM}(?:-${ATOM})?)(?:\\/\\d{1,2})?`;
const FIELD = new RegExp(`^${ITEM}(?:,${ITEM})*$`);

/** IANA names only (Region/City, UTC, Etc/GMT+5): no bare offsets such as +02:00. */
const IANA = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** The canonical IANA name for `input`, or null when it is not a timezone this runtime knows. */
export function canonicalTimezone(input: string): string | null {
  const name = input.trim();
  if (!IANA.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function cronOf(schedule: Schedule): Cron {
  // No callback: croner only evaluates the pattern, it never starts a timer.
  return new Cron(schedule.cron, { timezone: schedule.timezone, mode: '5-part' });
}

/** Validates a cron expression and a timezone together. Nothing here touches storage. */
export function parseSchedule(cronInput: string, timezoneInput: string = DEFAULT_TIMEZONE): ScheduleResult {
  const timezone = canonicalTimezone(timezoneInput);
  if (!timezone) {
    return {
      ok: false,
      error: `\`${timezoneInput.slice(0, 64)}\` is not an IANA timezone. Use a name such as \`UTC\`, \`Europe/Berlin\` or \`America/New_York\`.`,
    };
  }
  const parts = cronInput.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 5) {
    return {
      ok: false,
      error: `A cron expression has 5 fields (minute hour day-of-month month day-of-week), e.g. \`0 9 * * 1-5\`; \`${cronInput.slice(0, 64)}\` has ${parts.length}.`,
    };
  }
  for (const [index, part] of parts.entries()) {
    const field = FIELDS[index]!;
    if (!FIELD.test(part)) {
      return {
        ok: false,
        error: `The ${field.name} field \`${part.slice(0, 32)}\` is not standard cron: use \`*\`, numbers (${field.range}), ranges \`a-b\`, lists \`a,b\` and steps \`*/n\`.`,
      };
    }
  }
  const schedule = { cron: parts.join(' '), timezone };
  try {
    cronOf(schedule);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return { ok: false, error: `\`${schedule.cron}\` is not a valid cron expression: ${detail}.` };
  }
  if (nextRunTimes(schedule, Date.now(), 1).length === 0) {
    return { ok: false, error: `\`${schedule.cron}\` never runs (no such date, e.g. 30 February).` };
  }
  return { ok: true, schedule };
}

/** The next `count` run times strictly after `afterMs` (UTC ms, whole minutes). */
export function nextRunTimes(schedule: Schedule, afterMs: number, count: number): number[] {
  return cronOf(schedule)
    .nextRuns(count, new Date(afterMs))
    .map((date) => date.getTime());
}

/** The first run strictly after `afterMs`, or null if the schedule never runs again. */
export function nextRunTime(schedule: Schedule, afterMs: number): number | null {
  return nextRunTimes(schedule, afterMs, 1)[0] ?? null;
}

/** `Mon, 3 Mar 2025, 09:00 CET`: the wall-clock time in the task's timezone. */
export function wallTime(epochMs: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(epochMs));
}
