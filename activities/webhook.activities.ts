import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Config } from '../config/config';
import type { AttemptOutcome, DeliveryPolicy, PendingDispatch } from '../contracts/webhooks';
import { OutboxEvent, User, WebhookDelivery, WebhookEndpoint } from '../db/models';
import {
  earlierAttempt,
  fanOutEvents,
  finishDelivery,
  markDispatched,
  pendingDispatches,
  recordAttempt,
} from '../db/repositories/webhooks.repository';
import { escapeHtml } from './mail/html';
import type { Mailer } from './mail/mailer';
import { messageIdFor, sendOnce } from './mail/send-once';
import type { SecretBox } from '../lib/webhooks/secret-box';
import { checkTarget, postTo, TargetRefusedError } from '../lib/webhooks/safe-post';
import { ErrorType } from '../contracts/errors';
import { signPayload } from '../lib/webhooks/signature';
import type { TenantScoped } from '../contracts/tenants';
import { tenantsWithPendingOutbox } from '../db/repositories/tenant-lookups.repository';
import { tenantKnex } from '../db/tenant-scope';
import { tenantScopes } from './tenant-scope';

export type WebhookSettings = Config['webhooks'];

export interface WebhookActivityDeps {
  knex: Knex;
  mailer: Mailer;
  publicBaseUrl: string;
  webhooks: WebhookSettings;
  secretBox: SecretBox;
}

const USER_AGENT = 'procurement-webhooks/1.0 (+https://github.com/)';

export function createWebhookActivities({
  knex: pool,
  mailer,
  publicBaseUrl,
  webhooks,
  secretBox,
}: WebhookActivityDeps) {
  const domain = new URL(publicBaseUrl).hostname || 'procurement.local';
  const scope = tenantScopes(pool);
  return {
    /**
     * The relay's step: events into deliveries, and the deliveries whose workflow must start, tenant
     * by tenant (the longest-waiting first). Each tenant gets an equal share of the batch, so one
     * tenant's burst cannot hold up the others' events.
     */
    async relayOutbox(command: { limit: number }): Promise<PendingDispatch[]> {
      const tenants = await tenantsWithPendingOutbox(pool);
      const share = Math.max(1, Math.ceil(command.limit / Math.max(1, tenants.length)));
      const dispatches: PendingDispatch[] = [];
      for (const tenantId of tenants) {
        const room = Math.min(share, command.limit - dispatches.length);
        if (room <= 0) break;
        const db = tenantKnex(pool, tenantId);
        await fanOutEvents(db, room);
        for (const dispatch of await pendingDispatches(db, room)) dispatches.push({ ...dispatch, tenantId });
      }
      return dispatches;
    },

    /** `tenantIds[i]` is the tenant of `deliveryIds[i]` (histories from before tenants send none). */
    async markDispatched(command: { deliveryIds: string[]; tenantIds?: Array<string | undefined> }): Promise<void> {
      const byTenant = new Map<string | undefined, string[]>();
      command.deliveryIds.forEach((id, index) => {
        const tenantId = command.tenantIds?.[index];
        const ids = byTenant.get(tenantId);
        if (ids) ids.push(id);
        else byTenant.set(tenantId, [id]);
      });
      for (const [tenantId, ids] of byTenant) await markDispatched(await scope({ tenantId }), ids);
    },

    /** Read at the start of each delivery, so configuration changes apply to new deliveries. */
    async deliveryPolicy(): Promise<DeliveryPolicy> {
      return {
        initialSeconds: webhooks.retryInitialSeconds,
        maxDelaySeconds: webhooks.retryMaxDelaySeconds,
        maxAttempts: webhooks.retryMaxAttempts,
        attemptTimeoutSeconds: webhooks.timeoutSeconds,
      };
    },

    /** One signed POST (one attempt, recorded); the workflow owns the retry schedule. */
    async attemptDelivery(
      command: {
        deliveryId: string;
        attempt: number;
      } & TenantScoped,
    ): Promise<{ outcome: AttemptOutcome; statusCode: number | null }> {
      const knex = await scope(command);
      const earlier = await earlierAttempt(knex, command.deliveryId, command.attempt);
      if (earlier) return { outcome: outcomeOf(earlier.statusCode), statusCode: earlier.statusCode };
      const delivery = await WebhookDelivery.query(knex).findById(command.deliveryId);
      if (!delivery)
        throw ApplicationFailure.nonRetryable(`delivery ${command.deliveryId} does not exist`, ErrorType.NotFound);
      const [endpoint, event] = await Promise.all([
        WebhookEndpoint.query(knex).findById(delivery.endpointId),
        OutboxEvent.query(knex).findById(delivery.eventId),
      ]);
      if (!endpoint || !event)
        throw ApplicationFailure.nonRetryable('the endpoint or the event is gone', ErrorType.NotFound);
      if (!endpoint.isActive) return { outcome: 'endpoint_disabled', statusCode: null };

      const body = JSON.stringify(event.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      const signatures = [signPayload(openSecret(endpoint.secretEncrypted), event.id, timestamp, body)];
      if (
        endpoint.previousSecretEncrypted &&
        endpoint.previousSecretExpiresAt &&
        endpoint.previousSecretExpiresAt > new Date()
      ) {
        signatures.push(signPayload(openSecret(endpoint.previousSecretEncrypted), event.id, timestamp, body));
      }
      const headers = {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatures.join(' '),
      };
      const started = Date.now();
      let statusCode: number | null = null;
      let excerpt = '';
      let error: string | null = null;
      try {
        const target = await checkTarget(endpoint.url, {
          allowPrivate: webhooks.allowPrivateTargets,
          allowHttp: webhooks.allowHttp,
        });
        ({ statusCode, excerpt } = await postTo(target, headers, body, webhooks.timeoutSeconds * 1000));
      } catch (cause) {
        error =
          cause instanceof TargetRefusedError
            ? `target refused: ${cause.message}`
            : String((cause as Error).message ?? cause).slice(0, 500);
      }
      await recordAttempt(knex, {
        deliveryId: delivery.id,
        attemptNumber: command.attempt,
        statusCode,
        responseExcerpt: storable(excerpt),
        latencyMs: Date.now() - started,
        error: error === null ? null : storable(error),
      });
      return { outcome: outcomeOf(statusCode), statusCode };
    },

    /** Ends the delivery; answers whether it disabled the endpoint (also when asked again). */
    finishDelivery: async (
      command: {
        deliveryId: string;
        status: 'succeeded' | 'failed';
        gone: boolean;
      } & TenantScoped,
    ): Promise<{ endpointDisabled: boolean; endpointId: string | null }> =>
      finishDelivery(await scope(command), {
        deliveryId: command.deliveryId,
        status: command.status,
        gone: command.gone,
        disableAfter: webhooks.disableAfterFailures,
      }),

    /** E-mails the admins that a delivery disabled its endpoint (one message per endpoint and delivery). */
    async notifyEndpointDisabled(command: { endpointId: string; deliveryId: string } & TenantScoped): Promise<void> {
      await tellAdmins(await scope(command), command.endpointId, command.deliveryId);
    },
  };

  function openSecret(sealed: string): string {
    try {
      return secretBox.open(sealed);
    } catch {
      // JWT_SECRET changed since the secret was stored: no retry can fix that; rotate the secret.
      throw ApplicationFailure.nonRetryable(
        'the endpoint secret cannot be decrypted (was JWT_SECRET changed?)',
        'ConfigurationError',
      );
    }
  }

  async function tellAdmins(knex: Knex, endpointId: string, deliveryId: string): Promise<void> {
    const endpoint = await WebhookEndpoint.query(knex).findById(endpointId);
    const admins = await User.query(knex).where({ isAdmin: true, isActive: true }).orderBy('username');
    if (!endpoint || admins.length === 0) return;
    const text = `The webhook endpoint ${endpoint.url} was disabled: ${endpoint.disabledReason}\n\nFix the receiver, then re-enable it with PATCH ${publicBaseUrl}/api/webhooks/endpoints/${endpoint.id}/ {"is_active": true}.\n`;
    const html = `<p>The webhook endpoint <b>${escapeHtml(endpoint.url)}</b> was disabled: ${escapeHtml(endpoint.disabledReason ?? '')}</p><p>Fix the receiver, then re-enable it (PATCH <code>/api/webhooks/endpoints/${escapeHtml(endpoint.id)}/</code> with <code>{"is_active": true}</code>).</p>`;
    await sendOnce(
      knex,
      mailer,
      {
        messageId: messageIdFor(`webhook-endpoint-${endpointId}`, `disabled-by-${deliveryId}`, domain),
        to: admins.map((admin) => admin.email),
        subject: `Webhook endpoint disabled: ${endpoint.url}`.slice(0, 250),
        text,
        html,
      },
      { kind: 'webhook_endpoint_disabled', relatedType: 'webhook_endpoint', relatedId: endpoint.id },
    );
  }
}

/** PostgreSQL text refuses NUL; a receiver's answer may carry anything. */
function storable(text: string): string {
  return text.replace(/\u0000/g, '').slice(0, 1024);
}

function outcomeOf(statusCode: number | null): AttemptOutcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return 'succeeded';
  if (statusCode === 410) return 'gone';
  return 'failed';
}
