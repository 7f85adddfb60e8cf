// Workflow-safe: imported by the API, the worker and workflow code. Only @temporalio/workflow allowed.
import { defineQuery } from '@temporalio/workflow';
import type { TenantScoped } from './tenants';

export const ACCOUNT_NOTIFICATION_WORKFLOW = 'accountNotificationWorkflow';

/**
 * `password_changed`: to the owner. `email_change_requested`: the confirmation link, to the new
 * address. `email_change_notice`: to the current address, that a change was asked for.
 * `email_changed`: to the previous address, once the change is confirmed.
 */
export type AccountNotificationKind =
  'password_changed' | 'email_change_requested' | 'email_change_notice' | 'email_changed';

export interface AccountNotificationInput extends TenantScoped {
  kind: AccountNotificationKind;
  userId: string;
  /** For the e-mail change kinds: the change (its token stays in the database, sealed; never here). */
  changeId?: string;
  /** When the change happened (ISO-8601); part of the business id so each change is notified once. */
  occurredAt: string;
  requestId?: string;
}

export type NotificationStatus = 'sending' | 'sent';
export const notificationStatusQuery = defineQuery<NotificationStatus>('status');

/** Workflow ids are business ids: the same change can never start two notifications. */
export function accountNotificationWorkflowId(
  input: Pick<AccountNotificationInput, 'kind' | 'userId' | 'occurredAt'>,
): string {
  return `account-notification-${input.kind}-${input.userId}-${Date.parse(input.occurredAt)}`;
}
