import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { PurchaseOrder, User } from '../db/models';
import type { OrderCreation } from '../contracts/purchase-orders';
import {
  changeOrderStatus,
  createOrder,
  openOrderForRequest,
  type StatusChangeCommand,
} from '../db/repositories/purchase-orders.repository';
import { definite } from './definite-failure';
import type { Mailer } from './mail/mailer';
import { renderOrderEmail, type OrderEmailKind } from './mail/order-emails';
import { ErrorType } from '../contracts/errors';
import { messageIdFor, sendOnce } from './mail/send-once';
import { appLinks } from '../lib/app-links';
import type { TenantScoped } from '../contracts/tenants';
import { tenantScopes } from './tenant-scope';

export interface PurchaseOrderActivityDeps {
  knex: Knex;
  mailer: Mailer;
  publicBaseUrl: string;
  orderConfirmTimeoutHours: number;
}

export function createPurchaseOrderActivities({
  knex: pool,
  mailer,
  publicBaseUrl,
  orderConfirmTimeoutHours,
}: PurchaseOrderActivityDeps) {
  const domain = new URL(publicBaseUrl).hostname || 'procurement.local';
  const scope = tenantScopes(pool);
  return {
    /** Opens the order of a completed request (once), with the confirmation timeout in force now. */
    async openOrderForRequest(command: { requestId: string; operationKey: string } & TenantScoped) {
      const order = await definite(async () =>
        openOrderForRequest(await scope(command), command.requestId, command.operationKey),
      );
      return { ...order, confirmTimeoutHours: orderConfirmTimeoutHours };
    },

    /** Stores a manual order under the id its workflow carries (a retry finds it). */
    createOrderRecord: (command: { orderId: string; order: OrderCreation; operationKey: string } & TenantScoped) =>
      definite(async () =>
        createOrder(
          await scope(command),
          { ...command.order, teamId: command.order.teamId ?? null, id: command.orderId, purchaseRequestId: null },
          command.operationKey,
        ),
      ),

    /** One status change (and shipment) in one transaction, once per operation key. */
    recordOrderStatus: (command: StatusChangeCommand & TenantScoped) =>
      definite(async () => changeOrderStatus(await scope(command), command)),

    /** Tells the requestor (or, for an order without a request, its creator) that it shipped or arrived. */
    async sendOrderEmail(
      command: {
        orderId: string;
        kind: OrderEmailKind;
        key: string;
      } & TenantScoped,
    ): Promise<'sent' | 'already-sent' | 'no-recipient'> {
      const knex = await scope(command);
      const order = await PurchaseOrder.query(knex)
        .findById(command.orderId)
        .withGraphFetched('[purchaseRequest, shipments]');
      if (!order)
        throw ApplicationFailure.nonRetryable(`purchase order ${command.orderId} does not exist`, ErrorType.NotFound);
      const recipientId = order.purchaseRequest?.requestorId ?? order.createdBy;
      const recipient = recipientId ? await User.query(knex).findById(recipientId) : undefined;
      if (!recipient) return 'no-recipient';
      const shipment = order.shipments?.at(-1);
      const rendered = renderOrderEmail(command.kind, {
        number: order.number,
        vendorName: order.vendorName,
        total: order.total,
        currency: order.currency,
        link: appLinks.order(publicBaseUrl, order.id),
        carrier: shipment?.carrier,
        trackingNumber: shipment?.trackingNumber,
        estimatedDelivery: shipment?.estimatedDelivery ? String(shipment.estimatedDelivery).slice(0, 10) : null,
      });
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? `purchase-order-${order.id}`;
      return sendOnce(
        knex,
        mailer,
        { messageId: messageIdFor(workflowId, command.key, domain), to: [recipient.email], ...rendered },
        { kind: command.kind, relatedType: 'purchase_order', relatedId: order.id },
      );
    },
  };
}
