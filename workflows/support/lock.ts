// Workflow-safe: a mutual-exclusion lock built on promise chaining, which replays deterministically.

/** Runs `work` after every earlier holder finished, one at a time, in the order they asked. */
export function createLock(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}
