/** Discord timestamp markup (`<t:1618953630:R>`) as human text. */

export interface TimeOptions {
  /** "Now" for relative timestamps. */
  now: Date;
  /** IANA time zone for absolute timestamps; the system zone when omitted. */
  timeZone?: string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  if (abs < 5) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

function formatter(options: Intl.DateTimeFormatOptions, timeZone: string | undefined) {
  const format = new Intl.DateTimeFormat('en-GB', timeZone ? { ...options, timeZone } : options);
  return { format: (date: Date) => format.format(date).replace(' at ', ' ') };
}

/**
 * Formats a date in one of Discord's timestamp styles: t, T, d, D, f (default), F, R.
 * Unknown styles render like `f`.
 */
export function formatTimestamp(date: Date, style: string | undefined, options: TimeOptions): string {
  const tz = options.timeZone;
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  switch (style) {
    case 'R':
      return relativeTime(date, options.now);
    case 't':
      return formatter(time, tz).format(date);
    case 'T':
      return formatter({ ...time, second: '2-digit' }, tz).format(date);
    case 'd':
      return formatter({ day: '2-digit', month: '2-digit', year: 'numeric' }, tz).format(date);
    case 'D':
      return formatter({ day: 'numeric', month: 'long', year: 'numeric' }, tz).format(date);
    case 'F':
      return formatter(
        { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...time },
        tz,
      ).format(date);
    default:
      return formatter({ day: 'numeric', month: 'long', year: 'numeric', ...time }, tz).format(date);
  }
}

/** Formats a `<t:SECONDS[:STYLE]>` tag's parts; a non-numeric time is returned as written. */
export function formatTimestampTag(seconds: string, style: string | undefined, options: TimeOptions): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms)) return `<t:${seconds}${style ? `:${style}` : ''}>`;
  return formatTimestamp(new Date(ms), style, options);
}
