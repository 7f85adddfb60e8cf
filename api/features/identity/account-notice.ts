import type { AppDeps } from '../../app-deps';

/**
 * Starts an account e-mail after the change it tells of has committed: a Temporal outage must not
 * turn a committed change into an error answer, so a failure to start is logged, not thrown.
 */
export async function notifyBestEffort(
  deps: Pick<AppDeps, 'temporal' | 'logger'>,
  input: Parameters<AppDeps['temporal']['notifyAccountChange']>[0],
): Promise<void> {
  try {
    await deps.temporal.notifyAccountChange(input);
  } catch (error) {
    deps.logger.error(
      { err: error, userId: input.userId, kind: input.kind },
      'could not start the account notification',
    );
  }
}
