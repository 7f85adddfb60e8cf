/** What `withTimeout` rejects with when the time runs out (unless the caller names its own error). */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * `work`, or a rejection once `ms` pass without an answer (`timeoutError()`, by default a
 * TimeoutError "no answer within <ms> ms"). The timer is always cleared; `work` itself is not
 * cancelled, so give it a deadline of its own where it holds resources.
 */
export async function withTimeout<T>(
  work: PromiseLike<T>,
  ms: number,
  timeoutError: () => Error = () => new TimeoutError(`no answer within ${ms} ms`),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  try {
    return await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
