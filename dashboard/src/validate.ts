/**
 * Client-side checks with the worker's own rules (the server checks again; its `fields` messages win).
 * Each returns an error message, or null when the value is fine.
 */

/** Same rules as `/setprefix`: 1 to 5 characters, no whitespace, no mention, no backticks. */
export function prefixError(prefix: string): string | null {
  if (prefix.length < 1) return 'The prefix must be at least 1 character.';
  if (prefix.length > 5) return 'The prefix must be at most 5 characters.';
  if (/\s/.test(prefix)) return 'The prefix cannot contain spaces.';
  if (/<[@#]|@everyone|@here|<:|<a:/.test(prefix)) return 'The prefix cannot be or contain a mention.';
  if (prefix.includes('`')) return 'The prefix cannot contain backticks.';
  return null;
}

export function maxLengthError(value: string, max: number, what: string): string | null {
  return value.length > max ? `The ${what} must be at most ${max} characters.` : null;
}

/** A Discord user id: 17 to 20 digits. */
export function userIdError(value: string): string | null {
  if (!value) return 'Enter a user id.';
  return /^\d{17,20}$/.test(value) ? null : 'A user id is 17 to 20 digits (Developer Mode → Copy User ID).';
}

/** Automatic backups: every 1 to 168 whole hours (as `PUT /api/guilds/:id/schedule` requires). */
export function intervalHoursError(value: string): string | null {
  const text = value.trim();
  if (!text) return 'Enter how many hours apart the backups are (1 to 168).';
  if (!/^\d+$/.test(text)) return 'Enter whole hours, from 1 to 168.';
  const hours = Number(text);
  if (hours < 1) return 'At least 1 hour.';
  if (hours > 168) return 'At most 168 hours (a week).';
  return null;
}
