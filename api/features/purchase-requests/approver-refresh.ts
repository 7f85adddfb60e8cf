import type { Knex } from 'knex';
import {
  approvalStatuses,
  approversChangedSignal,
  purchaseRequestWorkflowId,
} from '../../../contracts/purchase-requests';
import type { Logger } from '../../../lib/logger';
import type { TemporalGateway } from '../../temporal/temporal-gateway';

const openStatuses = [...approvalStatuses, 'FINANCE_REVIEW'];
const SIGNALS_AT_ONCE = 16;

/**
 * After a person or their scopes changed (deactivated, demoted, a role granted or revoked), tells
 * every open request whose current step they are (or could now be) an approver of to resolve its
 * approvers again. The change is committed already: a request whose workflow cannot be reached now
 * is logged, and resolves its approvers again at the next change or step.
 */
export async function refreshOpenSteps(
  deps: { knex: Knex; temporal: TemporalGateway; logger: Logger },
  userId: string,
): Promise<number> {
  const ids: string[] = (
    await deps
      .knex('purchaseRequests as pr')
      .whereIn('pr.status', openStatuses)
      .whereNotNull('pr.currentStepId')
      .where((affected) => {
        affected
          // they are an approver of the current step (and may no longer be one)
          .whereExists((q) => {
            q.from('requestStepApprovers as rsa')
              .where('rsa.requestId', deps.knex.ref('pr.id'))
              .where({ 'rsa.userId': userId, 'rsa.isCurrent': true });
          })
          // or they now hold the current step's role in the request's team (or in every team)
          .orWhereExists((q) => {
            q.from('workflowTemplateSteps as step')
              .join('accessScopes as scope', 'scope.roleCode', 'step.approverRole')
              .where('step.id', deps.knex.ref('pr.currentStepId'))
              .where('scope.userId', userId)
              .where((team: Knex.QueryBuilder) => {
                team.whereNull('scope.teamId').orWhere('scope.teamId', deps.knex.ref('pr.teamId'));
              });
          });
      })
      .whereNot('pr.requestorId', userId)
      .select('pr.id')
  ).map((row: { id: string }) => row.id);
  // At most SIGNALS_AT_ONCE in flight: a scope covering every team can touch every open request.
  for (let start = 0; start < ids.length; start += SIGNALS_AT_ONCE) {
    await Promise.all(
      ids.slice(start, start + SIGNALS_AT_ONCE).map(async (id) => {
        try {
          await deps.temporal.client.workflow.getHandle(purchaseRequestWorkflowId(id)).signal(approversChangedSignal);
        } catch (error) {
          deps.logger.warn({ err: error, requestId: id }, 'could not ask a request to resolve its approvers again');
        }
      }),
    );
  }
  return ids.length;
}
