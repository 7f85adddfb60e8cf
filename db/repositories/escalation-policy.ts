import type { Knex } from 'knex';

/**
 * The escalation policy (workflows.md, purchaseRequestWorkflow, "Reminders and escalation"): a step
 * that waited past its escalation deadline, or that nobody can decide, goes to the active
 * administrators and the directors of the request's team (or of every team), never to the
 * requestor. One of them may then decide the step alone. Service accounts never approve, whatever
 * their scopes say.
 */
export async function escalationApprovers(
  trx: Knex.Transaction,
  teamId: string,
  requestorId: string,
): Promise<Set<string>> {
  const directors = await roleHolders(trx, teamId, 'DIRECTOR', requestorId);
  const admins: Array<{ id: string }> = await trx('users')
    .where({ isAdmin: true, isActive: true })
    .whereNot('id', requestorId)
    .select('id');
  return new Set([...admins, ...directors].map((user) => user.id));
}

/** Active people who hold `role` in the team or in every team, except the requestor. */
export async function roleHolders(
  trx: Knex.Transaction,
  teamId: string,
  role: string,
  requestorId: string,
): Promise<Array<{ id: string }>> {
  return trx('users')
    .distinct('users.id')
    .join('accessScopes', 'accessScopes.userId', 'users.id')
    .where('accessScopes.roleCode', role)
    .where((q) => {
      q.where('accessScopes.teamId', teamId).orWhereNull('accessScopes.teamId');
    })
    .where('users.isActive', true)
    .where('users.isServiceAccount', false) // integrations never approve, whatever their scopes say
    .whereNot('users.id', requestorId);
}

export function escalationComment(reason: 'no_eligible_approver' | 'overdue'): string {
  return reason === 'no_eligible_approver'
    ? 'Nobody can approve this step: escalated to administrators and directors.'
    : 'The step waited past its escalation deadline: escalated to administrators and directors.';
}
