import type { Knex } from 'knex';
import type { z } from 'zod';
import { newSigningSecret, type SecretBox } from '../../../lib/webhooks/secret-box';
import { checkTarget, TargetRefusedError, type TargetPolicy } from '../../../lib/webhooks/safe-post';
import { WebhookDelivery, WebhookEndpoint } from '../../../db/models';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { createEndpointBody, updateEndpointBody } from './webhooks.schemas';

export interface EndpointDeps {
  knex: Knex;
  secretBox: SecretBox;
  policy: TargetPolicy;
}

const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/** Refuses a URL the delivery guard would refuse (scheme, private or reserved addresses). */
async function checkUrl(url: string, policy: TargetPolicy): Promise<void> {
  try {
    await checkTarget(url, policy);
  } catch (error) {
    if (error instanceof TargetRefusedError)
      throw ValidationError.field('url', `This URL cannot receive webhooks: ${error.message}.`);
    throw ValidationError.field('url', 'The host of this URL does not resolve.');
  }
}

export async function findEndpoint(knex: Knex, id: string): Promise<WebhookEndpoint> {
  const endpoint = await WebhookEndpoint.query(knex).findById(id);
  if (!endpoint) throw new NotFoundError();
  return endpoint;
}

/** Creates an endpoint; the `whsec_` secret is answered this once and stored encrypted. */
export async function createEndpoint(deps: EndpointDeps, userId: string, body: z.output<typeof createEndpointBody>) {
  await checkUrl(body.url, deps.policy);
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
  if (body.url) await checkUrl(body.url, deps.policy);
  return WebhookEndpoint.query(deps.knex).patchAndFetchById(id, {
    ...(body.url !== undefined ? { url: body.url } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.event_types !== undefined ? { eventTypes: JSON.stringify(body.event_types) as unknown as string[] } : {}),
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

/** A new delivery of the same event to the same endpoint; the relay starts it within a poll. */
export async function redeliver(knex: Knex, id: string): Promise<WebhookDelivery> {
  const original = await WebhookDelivery.query(knex).findById(id);
  if (!original) throw new NotFoundError();
  if (original.status === 'pending') throw new ConflictError('This delivery is still under way.');
  const endpoint = await findEndpoint(knex, original.endpointId);
  if (!endpoint.isActive) throw new ConflictError('The endpoint is disabled; enable it first (PATCH is_active: true).');
  return WebhookDelivery.query(knex).insertAndFetch({
    eventId: original.eventId,
    endpointId: original.endpointId,
    eventType: original.eventType,
    redeliveryOf: original.redeliveryOf ?? original.id,
  });
}
