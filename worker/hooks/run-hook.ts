/** The handler did not finish within its timeout. */
export class HookTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'HookTimeoutError';
  }
}

/**
 * Runs one handler with a timeout. The handler gets a signal that aborts at the timeout; a handler that
 * ignores it keeps running in the background, but its result no longer counts. A synchronous throw is a
 * failure like a rejected promise.
 */
export async function runWithTimeout(
  run: (signal: AbortSignal) => Promise<void> | void,
  timeoutMs: number,
): Promise<void> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HookTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => run(controller.signal)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
