/** Sizes as people read them: 512 B, 12.3 KB, 4.56 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export function storageBar(used: number, max: number, width = 20): string {
  const filled = Math.min(width, Math.round((used / Math.max(max, 1)) * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export function defaultLabel(kind: 'manual' | 'auto', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ');
  return `${kind === 'auto' ? 'Auto-backup' : 'Backup'} ${stamp} UTC`;
}
