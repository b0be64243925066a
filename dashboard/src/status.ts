/**
 * The page-wide status line (`#status`, `role="status"`, `aria-live="polite"`): short confirmations such as
 * "Backup pinned", read out by screen readers and shown as a toast for a few seconds.
 */

let timer: number | undefined;

export function announce(message: string, tone: 'success' | 'error' | 'info' = 'success'): void {
  const region = document.getElementById('status');
  if (!region) return;
  window.clearTimeout(timer);
  region.textContent = message;
  region.dataset.tone = tone;
  region.classList.add('visible');
  timer = window.setTimeout(() => {
    region.classList.remove('visible');
    region.textContent = '';
  }, 6000);
}
