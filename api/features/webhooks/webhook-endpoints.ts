import type { Knex } from 'knex';
import type { z } from 'zod';
import { newSigningSecret, type SecretBox } from '../../../lib/webhooks/secret-box';
import { checkTarget, TargetRefusedError, type TargetPolicy } from '../../../lib/webhooks/safe-post';
import { WebhookEndpoint } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { definedOnly } from '../../../lib/defined-only';
import { NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import type { createEndpointBody, updateEndpointBody } from './webhooks.schemas';

export interface EndpointDeps {
  knex: Knex;
  secretBox: SecretBox;
  policy: TargetPolicy;
}

const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/**
 * Refuses a URL the delivery guard would refuse (scheme, private or reserved addresses), as a 400 on
 * `field`; integration health URLs are checked the same way.
 */
export async function checkTargetUrl(
  url: string,
  policy: TargetPolicy,
  field = 'url',
  purpose = 'receive webhooks',
): Promise<void> {
  try {
    await checkTarget(url, policy);
  } catch (error) {
    if (error instanceof TargetRefusedError)
      throw ValidationError.field(field, `This URL cannot ${purpose}: ${error.message}.`);
    throw ValidationError.field(field, 'The host of this URL does not resolve.');
  }
}

/** One page of endpoints (`search` matches the URL), newest first unless `ordering` says otherwise. */
export async function listEndpoints(
  knex: Knex,
  query: { page: number; page_size: number; ordering?: string; search?: string },
): Promise<Page<WebhookEndpoint>> {
  const builder = WebhookEndpoint.query(knex);
  if (query.search) builder.whereILike('webhookEndpoints.url', containsPattern(query.search));
  applyOrdering(
    builder,
    query.ordering,
    { created_at: 'webhookEndpoints.createdAt', url: 'webhookEndpoints.url' },
    '-created_at',
    'webhookEndpoints.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function findEndpoint(knex: Knex, id: string): Promise<WebhookEndpoint> {
  const endpoint = await WebhookEndpoint.query(knex).findById(id);
  if (!endpoint) throw new NotFoundError();
  return endpoint;
}

/** Creates an endpoint; the `whsec_` secret is answered this once and stored encrypted. */
export async function createEndpoint(deps: EndpointDeps, userId: string, body: z.output<typeof createEndpointBody>) {
  await checkTargetUrl(body.url, deps.policy);
  const secret = newSigningSecret();
  const endpoint = await WebhookEndpoint.query(deps.knex).insertAndFetch({
    url: body.url,
    description: body.description ?? '',
    eventTypes: JSON.stringify(body.event_types) as unknown as string[],
    isActive: body.is_active ?? true,
    secretEncrypted: deps.secretBox.seal(secret),
    createdBy: userId,
  });
  return { endpoint, secret };
}

export async function updateEndpoint(deps: EndpointDeps, id: string, body: z.output<typeof updateEndpointBody>) {
  await findEndpoint(deps.knex, id);
  if (body.url) await checkTargetUrl(body.url, deps.policy);
  return WebhookEndpoint.query(deps.knex).patchAndFetchById(id, {
    ...definedOnly({
      url: body.url,
      description: body.description,
      eventTypes: body.event_types && (JSON.stringify(body.event_types) as unknown as string[]),
    }),
    ...(body.is_active !== undefined
      ? {
          isActive: body.is_active,
          disabledReason: body.is_active ? null : 'Disabled by an administrator.',
          disabledByDeliveryId: null,
        }
      : {}),
    updatedAt: new Date(),
  });
}

/** A new secret; the previous one keeps signing (a second signature) for 24 hours. */
export async function rotateSecret(deps: EndpointDeps, id: string) {
  const endpoint = await findEndpoint(deps.knex, id);
  const secret = newSigningSecret();
  const updated = await WebhookEndpoint.query(deps.knex).patchAndFetchById(id, {
    secretEncrypted: deps.secretBox.seal(secret),
    previousSecretEncrypted: endpoint.secretEncrypted,
    previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
    updatedAt: new Date(),
  });
  return { endpoint: updated, secret };
}

/** Deletes an endpoint and its delivery records. */
export async function deleteEndpoint(knex: Knex, id: string): Promise<void> {
  await findEndpoint(knex, id);
  await WebhookEndpoint.query(knex).deleteById(id);
}
