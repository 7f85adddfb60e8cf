import type { Knex } from 'knex';
import type { Config } from '../config/config';
import { classifyProbe, type HealthStatus, type ProbeOutcome } from '../contracts/integration-health';
import type { TenantScoped } from '../contracts/tenants';
import { IntegrationProvider } from '../db/models';
import { healthTargets, recordHealthCheck } from '../db/repositories/integration-health.repository';
import { checkTarget, getFrom, TargetRefusedError } from '../lib/webhooks/safe-post';
import { tenantScopes } from './tenant-scope';

export interface IntegrationHealthActivityDeps {
  knex: Knex;
  webhooks: Pick<Config['webhooks'], 'allowPrivateTargets' | 'allowHttp'>;
  integrationHealth: Config['integrationHealth'];
}

const USER_AGENT = 'procurement-health/1.0';

/**
 * The integration-health round's steps (decision 0038). A probe is a GET of the provider's health URL
 * through the webhooks' address guard (no private or reserved addresses unless allowed, no redirects,
 * a deadline); what it saw is the result, not an error, so only database trouble retries. Repeating
 * a probe only replaces the provider's latest check with a newer one.
 */
export function createIntegrationHealthActivities({
  knex: pool,
  webhooks,
  integrationHealth,
}: IntegrationHealthActivityDeps) {
  const scope = tenantScopes(pool);
  return {
    /** The providers this round probes (active ones with a health URL). */
    async listHealthTargets(command: TenantScoped): Promise<string[]> {
      return healthTargets(await scope(command));
    },

    /** Probes one provider's health URL and keeps what it saw; answers the status. */
    async probeProviderHealth(command: { providerId: string } & TenantScoped): Promise<HealthStatus | 'skipped'> {
      const db = await scope(command);
      const provider = await IntegrationProvider.query(db).findById(command.providerId);
      // Deactivated, its URL removed or (for a round that listed it) gone since: nothing to probe.
      if (!provider?.isActive || !provider.healthUrl) return 'skipped';
      const outcome = await probe(provider.healthUrl);
      const status = classifyProbe(outcome, integrationHealth.degradedMs);
      await recordHealthCheck(db, {
        providerId: provider.id,
        status,
        responseTimeMs: outcome.statusCode === null ? null : outcome.elapsedMs,
        httpStatus: outcome.statusCode,
        error: outcome.error ?? (status === 'down' ? `HTTP ${outcome.statusCode}` : null),
        checkedAt: new Date(),
      });
      return status;
    },
  };

  async function probe(url: string): Promise<ProbeOutcome> {
    const started = Date.now();
    try {
      const target = await checkTarget(url, {
        allowPrivate: webhooks.allowPrivateTargets,
        allowHttp: webhooks.allowHttp,
      });
      const { statusCode } = await getFrom(
        target,
        { accept: 'application/json, text/plain, */*', 'user-agent': USER_AGENT },
        integrationHealth.timeoutMs,
      );
      return { statusCode, elapsedMs: Date.now() - started, error: null };
    } catch (cause) {
      // The guard's reasons never name an address; other errors are the socket's own words.
      const reason =
        cause instanceof TargetRefusedError ? `address refused: ${cause.message}` : String((cause as Error).message);
      return { statusCode: null, elapsedMs: Date.now() - started, error: reason.slice(0, 200) };
    }
  }
}
