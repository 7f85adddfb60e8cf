import type { Knex } from 'knex';
import { IntegrationHealthCheck, IntegrationProvider } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import { newSigningSecret, type SecretBox } from '../../../lib/webhooks/secret-box';
import type { TargetPolicy } from '../../../lib/webhooks/safe-post';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { checkTargetUrl } from '../webhooks/webhook-endpoints';

export interface ProviderDeps {
  knex: Knex;
  secretBox: SecretBox;
  /** Health URLs pass the webhooks' address guard. */
  policy: TargetPolicy;
  healthChecks: {
    /** Makes sure the tenant's health Schedule exists (before a provider with a health URL is saved). */
    ensure(): Promise<void>;
    /** Starts a round now (after a health URL was saved: its first check should not wait an interval). */
    runNow(): Promise<void>;
  };
}

/** Active providers one tenant may have (each may be probed every round; decision 0038). */
export const MAX_ACTIVE_PROVIDERS = 50;

const checkHealthUrl = (url: string, policy: TargetPolicy) =>
  checkTargetUrl(url, policy, 'health_url', 'be probed for health');

/** One provider, or 404. */
export async function getProvider(knex: Knex, id: string): Promise<IntegrationProvider> {
  const provider = await IntegrationProvider.query(knex).findById(id);
  if (!provider) throw new NotFoundError();
  return provider;
}

/** One page of providers, by name unless `ordering` says otherwise. */
export async function listProviders(
  knex: Knex,
  query: { page: number; page_size: number; ordering?: string },
): Promise<Page<IntegrationProvider>> {
  const builder = IntegrationProvider.query(knex);
  applyOrdering(
    builder,
    query.ordering,
    { name: 'integrationProviders.name', created_at: 'integrationProviders.createdAt' },
    'name',
    'integrationProviders.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

/**
 * Registers a provider under a name no other provider has (whatever its case), with the `whsec_`
 * secret sent or a new one; the secret is answered this once and stored encrypted. A health URL is
 * checked like a webhook URL, and the tenant's health Schedule made before the provider is saved.
 */
export async function createProvider(
  deps: ProviderDeps,
  userId: string,
  body: { name: string; secret?: string; health_url?: string },
): Promise<{ provider: IntegrationProvider; secret: string }> {
  if (await IntegrationProvider.query(deps.knex).whereRaw('lower(name) = ?', [body.name]).first())
    throw ValidationError.field('name', 'A provider with this name exists.');
  await roomForOneMore(deps.knex);
  if (body.health_url) {
    await checkHealthUrl(body.health_url, deps.policy);
    await deps.healthChecks.ensure();
  }
  const secret = body.secret ?? newSigningSecret();
  const provider = await IntegrationProvider.query(deps.knex).insertAndFetch({
    name: body.name,
    secretEncrypted: deps.secretBox.seal(secret),
    healthUrl: body.health_url ?? null,
    createdBy: userId,
  });
  if (body.health_url) await deps.healthChecks.runNow();
  return { provider, secret };
}

/**
 * Changes a provider's health URL (null stops its checks) or reactivates / deactivates it. A new
 * URL forgets the old URL's last check, so the health report never shows one URL's result for another.
 */
export async function updateProvider(
  deps: ProviderDeps,
  id: string,
  body: { health_url?: string | null; is_active?: boolean },
): Promise<IntegrationProvider> {
  const provider = await getProvider(deps.knex, id);
  if (body.is_active && !provider.isActive) await roomForOneMore(deps.knex);
  if (body.health_url) {
    await checkHealthUrl(body.health_url, deps.policy);
    await deps.healthChecks.ensure();
  }
  const urlChanged = body.health_url !== undefined && body.health_url !== provider.healthUrl;
  const updated = await deps.knex.transaction(async (trx) => {
    if (urlChanged) await IntegrationHealthCheck.query(trx).where({ providerId: id }).delete();
    return IntegrationProvider.query(trx).patchAndFetchById(id, {
      ...(body.health_url !== undefined ? { healthUrl: body.health_url } : {}),
      ...(body.is_active !== undefined ? { isActive: body.is_active } : {}),
      updatedAt: new Date(),
    });
  });
  if (updated.healthUrl && updated.isActive && (urlChanged || body.is_active)) await deps.healthChecks.runNow();
  return updated;
}

/** Deactivates a provider: its events are refused from now on. */
export async function deactivateProvider(knex: Knex, id: string): Promise<void> {
  const changed = await IntegrationProvider.query(knex).findById(id).patch({ isActive: false, updatedAt: new Date() });
  if (!changed) throw new NotFoundError();
}

async function roomForOneMore(knex: Knex): Promise<void> {
  const active = await IntegrationProvider.query(knex).where({ isActive: true }).resultSize();
  if (active >= MAX_ACTIVE_PROVIDERS)
    throw new ConflictError(`At most ${MAX_ACTIVE_PROVIDERS} providers may be active: deactivate one first.`);
}
