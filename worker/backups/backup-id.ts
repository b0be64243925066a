const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short, unambiguous backup id (12 characters, ~60 bits), easy to type and read aloud. */
export function newBackupId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const BACKUP_ID_PATTERN = /^[a-z2-9]{12}$/;
