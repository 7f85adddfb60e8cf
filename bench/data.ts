import type { BenchContext } from './context';

/**
 * Bulk data for the list benchmarks, written straight into PostgreSQL (creating 100 000 requests
 * through workflows would take longer than the benchmark itself). The rows look like the product's:
 * real requestors and teams, every status, a current step while in approval, two years of dates.
 */
export async function loadRequests(ctx: Pick<BenchContext, 'knex' | 'tenantDb'>, count: number): Promise<void> {
  const knex = ctx.tenantDb; // the rows are the demo tenant's (their tenant_id comes from the setting)
  const form = await knex('formTemplates').where({ isCurrent: true }).first('id');
  const workflow = await knex('workflowTemplates').where({ isCurrent: true }).first('id');
  const steps = await knex('workflowTemplateSteps')
    .where({ workflowTemplateId: workflow.id })
    .orderBy('stepOrder')
    .select('id');
  const people = await knex('users as u')
    .join('accessScopes as s', 's.userId', 'u.id')
    .where('s.roleCode', 'INITIATOR')
    .select('u.id as userId', 's.teamId');
  await knex.raw(
    `INSERT INTO purchase_requests
       (requestor_id, team_id, form_template_id, workflow_template_id, status, current_step_id, vendor_name, subject,
        description, purchase_type, amount, currency, field_values, round, submitted_at, created_at, updated_at)
     SELECT p.user_id, p.team_id, :form, CASE WHEN s.status = 'DRAFT' THEN NULL ELSE :workflow::uuid END, s.status,
            CASE s.status WHEN 'PENDING_APPROVAL' THEN :step1::uuid WHEN 'IN_REVIEW' THEN :step2::uuid
                          WHEN 'FINANCE_REVIEW' THEN :step3::uuid ELSE NULL END,
            'Vendor ' || (g % 500), 'Bench request ' || g, 'Generated for the list benchmark', 
            CASE WHEN g % 3 = 0 THEN 'SERVICES' ELSE 'GOODS' END, (g % 9000) + 10.50, 'USD',
            '{"budget_code":"BENCH"}'::jsonb, CASE WHEN s.status = 'DRAFT' THEN 0 ELSE 1 END,
            CASE WHEN s.status = 'DRAFT' THEN NULL ELSE c.at END, c.at, c.at
     FROM generate_series(1, :count) AS g
     CROSS JOIN LATERAL (SELECT (ARRAY['DRAFT','PENDING_APPROVAL','IN_REVIEW','REJECTED','FINANCE_REVIEW','COMPLETED','COMPLETED','CANCELLED'])[1 + g % 8] AS status) s
     CROSS JOIN LATERAL (SELECT now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' AS at) c
     JOIN (SELECT row_number() OVER () - 1 AS n, * FROM json_to_recordset(:people::json) AS x(user_id uuid, team_id uuid)) p
       ON p.n = g % :peopleCount`,
    {
      form: form.id,
      workflow: workflow.id,
      step1: steps[0].id,
      step2: steps[1].id,
      step3: steps[2].id,
      count,
      people: JSON.stringify(
        people.map((p: { userId: string; teamId: string }) => ({ user_id: p.userId, team_id: p.teamId })),
      ),
      peopleCount: people.length,
    },
  );
  // The steady state autovacuum keeps: the bulk insert left a dead version of a count row per request.
  await ctx.knex.raw('VACUUM ANALYZE purchase_requests'); // not in a transaction: the owner's bare connection
  await ctx.knex.raw('VACUUM ANALYZE purchase_request_counts');
}
