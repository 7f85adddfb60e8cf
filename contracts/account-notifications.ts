// Workflow-safe: imported by the API, the worker and workflow code. Only @temporalio/workflow allowed.
import { defineQuery } from '@temporalio/workflow';

export const ACCOUNT_NOTIFICATION_WORKFLOW = 'accountNotificationWorkflow';

export type AccountNotificationKind = 'password_changed';

export interface AccountNotificationInput {
  kind: AccountNotificationKind;
  userId: string;
  /** When the change happened (ISO-8601); part of the business id so each change is notified once. */
  occurredAt: string;
  requestId?: string;
}

export type NotificationStatus = 'sending' | 'sent';
export const notificationStatusQuery = defineQuery<NotificationStatus>('status');

/** Workflow ids are business ids: the same change can never start two notifications. */
export function accountNotificationWorkflowId(input: Pick<AccountNotificationInput, 'kind' | 'userId' | 'occurredAt'>): string {
  return `account-notification-${input.kind}-${input.userId}-${Date.parse(input.occurredAt)}`;
}
