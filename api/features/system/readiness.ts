import type { AppDeps } from '../../app-deps';
import { DependencyUnavailableError } from '../../http/errors';
import { withTimeout } from '../../../lib/with-timeout';

/** Ready means PostgreSQL and Temporal both answer within `timeoutMs`; otherwise 503 naming who did not. */
export async function assertReady(deps: Pick<AppDeps, 'knex' | 'temporal'>, timeoutMs: number): Promise<void> {
  const [database, temporal] = await Promise.allSettled([
    withTimeout(deps.knex.raw('select 1'), timeoutMs),
    deps.temporal.ping(timeoutMs),
  ]);
  const down = [database.status === 'rejected' && 'PostgreSQL', temporal.status === 'rejected' && 'Temporal'].filter(
    Boolean,
  );
  if (down.length > 0)
    throw new DependencyUnavailableError(down.join(' and '), `Not ready: ${down.join(' and ')} unreachable.`);
}
