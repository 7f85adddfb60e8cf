import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  notificationStatusQuery,
  type AccountNotificationInput,
  type NotificationStatus,
} from '../contracts/account-notifications';

// SMTP outages are retried for a day with backoff; a missing user is not retryable (the activity says so).
const { sendAccountNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  scheduleToCloseTimeout: '1 day',
});

/** Sends one security notification about an account change (for example a password change). */
export async function accountNotificationWorkflow(input: AccountNotificationInput): Promise<NotificationStatus> {
  let status: NotificationStatus = 'sending';
  setHandler(notificationStatusQuery, () => status);
  await sendAccountNotification({ ...input, workflowId: workflowInfo().workflowId });
  status = 'sent';
  return status;
}
