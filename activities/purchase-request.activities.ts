import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Approver } from '../contracts/purchase-requests';
import { PurchaseRequest, User } from '../db/models';
import {
  applyEdit,
  applyTransition,
  type EditCommand,
  type TransitionCommand,
  type TransitionResult,
} from '../db/repositories/request-transitions.repository';
import {
  enterStep,
  escalateStep,
  refreshStepApprovers,
  type RefreshStepCommand,
  type EnterStepCommand,
  type EscalateCommand,
} from '../db/repositories/step-approvers.repository';
import { type Routing } from '../db/repositories/request-checks';
import { definite } from './definite-failure';
import type { Mailer } from './mail/mailer';
import { renderRequestEmail, type RequestEmailKind } from './mail/request-emails';
import { ErrorType } from '../contracts/errors';
import { messageIdFor, sendOnce } from './mail/send-once';
import { appLinks } from '../lib/app-links';
import type { TenantScoped } from '../contracts/tenants';
import { tenantScopes } from './tenant-scope';

export interface PurchaseRequestActivityDeps {
  knex: Knex;
  mailer: Mailer;
  publicBaseUrl: string;
  completionEmailTo: string;
  /** Approval thresholds' currency and the rates that convert other currencies into it. */
  routing: Routing;
}

export interface RequestEmailCommand {
  requestId: string;
  kind: RequestEmailKind;
  /** Unique within the workflow for this message: the Message-ID derives from it. */
  key: string;
  /** Users to write to; requestor-facing kinds write to the requestor, `completed_finance` to the configured address. */
  recipientIds?: string[];
  actorId?: string | null;
  stepName?: string;
  comment?: string;
}

const requestorKinds: RequestEmailKind[] = ['step_approved', 'rejected', 'completed'];

export function createPurchaseRequestActivities({
  knex: pool,
  mailer,
  publicBaseUrl,
  completionEmailTo,
  routing,
}: PurchaseRequestActivityDeps) {
  const domain = new URL(publicBaseUrl).hostname || 'procurement.local';
  const scope = tenantScopes(pool);

  return {
    /** Persists one state change with its history row and outbox event; a retry returns the first result. */
    recordTransition: (command: TransitionCommand & TenantScoped): Promise<TransitionResult> =>
      definite(async () => applyTransition(await scope(command), command, routing)),

    /** Saves an edit of a resubmitted request for the workflow, which then restarts the round. */
    applyEdit: (command: EditCommand & TenantScoped): Promise<{ amount: string; routingAmount?: string }> =>
      definite(async () => applyEdit(await scope(command), command, routing)),

    /** Makes a step current and answers its eligible approvers (the same ones when retried). */
    startStep: (command: EnterStepCommand & TenantScoped): Promise<Approver[]> =>
      definite(async () => enterStep(await scope(command), command)),

    /** Resolves an open step's approvers again after people or scopes changed. */
    refreshStepApprovers: (
      command: RefreshStepCommand & TenantScoped,
    ): Promise<{ approvers: Approver[]; added: string[] }> =>
      definite(async () => refreshStepApprovers(await scope(command), command)),

    /** Adds the admins and the team's directors to a step that nobody can or did decide. */
    escalate: (command: EscalateCommand & TenantScoped): Promise<Approver[]> =>
      definite(async () => escalateStep(await scope(command), command)),

    /** Sends one request e-mail at most once (deterministic Message-ID, one `emails` row). */
    async sendRequestEmail(
      command: RequestEmailCommand & TenantScoped,
    ): Promise<'sent' | 'already-sent' | 'no-recipient'> {
      const knex = await scope(command);
      const request = await PurchaseRequest.query(knex)
        .findById(command.requestId)
        .withGraphFetched('[requestor, team]');
      if (!request)
        throw ApplicationFailure.nonRetryable(
          `purchase request ${command.requestId} does not exist`,
          ErrorType.NotFound,
        );
      const to = await recipients(knex, command, request);
      if (to.length === 0) return 'no-recipient';
      const actor = command.actorId ? await User.query(knex).findById(command.actorId) : undefined;
      const rendered = renderRequestEmail(command.kind, {
        request: {
          id: request.id,
          subject: request.subject,
          vendorName: request.vendorName,
          amount: request.amount,
          currency: request.currency,
          teamName: request.team?.name ?? '',
          requestorName: displayName(request.requestor),
          link: appLinks.request(publicBaseUrl, request.id),
        },
        actorName: actor ? displayName(actor) : undefined,
        stepName: command.stepName,
        comment: command.comment,
      });
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? `purchase-request-${request.id}`;
      return sendOnce(
        knex,
        mailer,
        { messageId: messageIdFor(workflowId, command.key, domain), to, ...rendered },
        { kind: command.kind, relatedType: 'purchase_request', relatedId: request.id },
      );
    },
  };

  async function recipients(knex: Knex, command: RequestEmailCommand, request: PurchaseRequest): Promise<string[]> {
    if (command.kind === 'completed_finance') return [completionEmailTo];
    if (requestorKinds.includes(command.kind)) return request.requestor ? [request.requestor.email] : [];
    if (!command.recipientIds?.length) return [];
    const users = await User.query(knex).whereIn('id', command.recipientIds).modify('active').orderBy('username');
    return users.map((user) => user.email);
  }
}

function displayName(user: User | undefined): string {
  if (!user) return 'Someone';
  const full = `${user.firstName} ${user.lastName}`.trim();
  return full ? `${full} (${user.username})` : user.username;
}
