import type { Knex } from 'knex';
import { IntegrationProvider } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import { newSigningSecret, type SecretBox } from '../../../lib/webhooks/secret-box';
import { NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';

export interface ProviderDeps {
  knex: Knex;
  secretBox: SecretBox;
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
 * secret sent or a new one; the secret is answered this once and stored encrypted.
 */
export async function createProvider(
  deps: ProviderDeps,
  userId: string,
  body: { name: string; secret?: string },
): Promise<{ provider: IntegrationProvider; secret: string }> {
  if (await IntegrationProvider.query(deps.knex).whereRaw('lower(name) = ?', [body.name]).first())
    throw ValidationError.field('name', 'A provider with this name exists.');
  const secret = body.secret ?? newSigningSecret();
  const provider = await IntegrationProvider.query(deps.knex).insertAndFetch({
    name: body.name,
    secretEncrypted: deps.secretBox.seal(secret),
    createdBy: userId,
  });
  return { provider, secret };
}

/** Deactivates a provider: its events are refused from now on. */
export async function deactivateProvider(knex: Knex, id: string): Promise<void> {
  const changed = await IntegrationProvider.query(knex).findById(id).patch({ isActive: false, updatedAt: new Date() });
  if (!changed) throw new NotFoundError();
}
