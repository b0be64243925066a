/**
 * REST calls made while Discord waits for the interaction response must finish well inside its 3 s
 * window: past this, the command shows what it has instead.
 */
export const IN_REQUEST_REST_DEADLINE_MS = 1500;

export function inRequestDeadline(): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(IN_REQUEST_REST_DEADLINE_MS) };
}
