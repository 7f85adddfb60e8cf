import type { Knex } from 'knex';

export const periods = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type Period = keyof typeof periods;

/**
 * The dashboard of api.md, each figure one SQL query over indexed columns: requests by status and
 * orders by status (created in the period), approvals waiting per current step (now), the median and
 * p90 time from submit to completion (completed in the period), and the webhook success rate
 * (deliveries finished in the period).
 */
export async function dashboardMetrics(knex: Knex, period: Period, teams: 'all' | string[]) {
  const since = new Date(Date.now() - periods[period] * 24 * 3600 * 1000);
  // A team-bound finance reviewer sees the figures of their teams; webhooks are organisation-wide.
  const inTeams = (column: string) => (q: Knex.QueryBuilder) => {
    if (teams !== 'all') q.whereIn(column, teams);
  };
  // One after the other: the route reads in one transaction (decision 0036), whose one connection
  // would only queue them (and pg deprecates queuing on a busy client).
  const requests = await knex('purchaseRequests')
    .where('createdAt', '>=', since)
    .modify(inTeams('teamId'))
    .groupBy('status')
    .select('status')
    .count({ count: '*' });
  const pending = await knex('purchaseRequests as pr')
    .join('workflowTemplateSteps as step', 'step.id', 'pr.currentStepId')
    .modify(inTeams('pr.teamId'))
    .whereIn('pr.status', ['PENDING_APPROVAL', 'RESUBMITTED', 'IN_REVIEW', 'FINANCE_REVIEW'])
    .groupBy('step.stepName', 'step.stepOrder')
    .orderBy('step.stepOrder')
    .select('step.stepName', 'step.stepOrder')
    .count({ count: '*' });
  const completion = await knex('purchaseRequests')
    .whereNotNull('completedAt')
    .where('completedAt', '>=', since)
    .modify(inTeams('teamId'))
    .first(
      knex.raw('count(*) as completed'),
      knex.raw(
        'percentile_cont(0.5) within group (order by extract(epoch from completed_at - submitted_at)) as median',
      ),
      knex.raw('percentile_cont(0.9) within group (order by extract(epoch from completed_at - submitted_at)) as p90'),
    );
  const orders = await knex('purchaseOrders')
    .where('createdAt', '>=', since)
    .modify(inTeams('teamId'))
    .groupBy('status')
    .select('status')
    .count({ count: '*' });
  const webhooks =
    teams !== 'all'
      ? undefined
      : await knex('webhookDeliveries')
          .whereNotNull('completedAt')
          .where('completedAt', '>=', since)
          .first(
            knex.raw("count(*) filter (where status = 'succeeded') as succeeded"),
            knex.raw("count(*) filter (where status = 'failed') as failed"),
          );
  const byStatus = (rows: Array<{ status: string; count: string | number }>) =>
    Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  const succeeded = Number(webhooks?.succeeded ?? 0);
  const failed = Number(webhooks?.failed ?? 0);
  const seconds = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value)));
  return {
    period,
    since: since.toISOString(),
    requests_by_status: byStatus(requests as never),
    pending_approvals_per_step: (pending as Array<{ stepName: string; stepOrder: number; count: string }>).map(
      (row) => ({
        step_name: row.stepName,
        step_order: row.stepOrder,
        count: Number(row.count),
      }),
    ),
    submit_to_completion_seconds: {
      completed: Number(completion?.completed ?? 0),
      median: seconds(completion?.median),
      p90: seconds(completion?.p90),
    },
    orders_by_status: byStatus(orders as never),
    teams: teams === 'all' ? null : teams,
    webhooks:
      webhooks === undefined
        ? null
        : {
            succeeded,
            failed,
            success_rate: succeeded + failed === 0 ? null : Number((succeeded / (succeeded + failed)).toFixed(4)),
          },
  };
}
