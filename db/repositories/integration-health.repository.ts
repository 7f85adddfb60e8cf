import type { Knex } from 'knex';
import type { HealthStatus } from '../../contracts/integration-health';
import { IntegrationProvider } from '../models';

/** A tenant has at most 50 active providers (the API refuses more); a round probes no more than that. */
const MAX_PROBED_PROVIDERS = 50;

/** The providers a round probes: active, with a health URL, by name. */
export async function healthTargets(knex: Knex): Promise<string[]> {
  const rows = await IntegrationProvider.query(knex)
    .where({ isActive: true })
    .whereNotNull('healthUrl')
    .orderBy('name')
    .limit(MAX_PROBED_PROVIDERS)
    .select('id');
  return rows.map((row) => row.id);
}

/**
 * Keeps one provider's latest check (the row is replaced, not appended): consecutive failures count
 * up while it is down and start again at 0 when it answers.
 */
export async function recordHealthCheck(
  knex: Knex,
  check: {
    providerId: string;
    status: HealthStatus;
    responseTimeMs: number | null;
    httpStatus: number | null;
    error: string | null;
    checkedAt: Date;
  },
): Promise<void> {
  await knex.raw(
    `INSERT INTO integration_health_checks
       (provider_id, status, response_time_ms, http_status, error, consecutive_failures, checked_at)
     VALUES (:providerId, :status, :responseTimeMs, :httpStatus, :error, :failures, :checkedAt)
     ON CONFLICT (tenant_id, provider_id) DO UPDATE SET
       status = excluded.status,
       response_time_ms = excluded.response_time_ms,
       http_status = excluded.http_status,
       error = excluded.error,
       consecutive_failures = CASE WHEN excluded.status = 'down'
                                   THEN integration_health_checks.consecutive_failures + 1 ELSE 0 END,
       checked_at = excluded.checked_at
     WHERE integration_health_checks.checked_at <= excluded.checked_at`,
    { ...check, failures: check.status === 'down' ? 1 : 0 },
  );
}
