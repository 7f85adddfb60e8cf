import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import pg from 'pg';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { baselineStep } from './workflows';
import { required } from './env';

/**
 * The "bare" side of the benchmark: Koa and pg with nothing else (no auth, no validation, no ORM, no
 * audit, no row-level security), answering the same JSON as the product's request list from one
 * hand-written query, and thin endpoints that drive the minimal workflows. It connects as the owner
 * and names the bench's one tenant in its WHERE clause: what a bare multi-tenant service would send.
 * (As the runtime role with no tenant set it would see no rows at all, and measure an empty page.)
 */
const pool = new pg.Pool({
  connectionString: required('BASELINE_DATABASE_URL'),
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
const baseUrl = required('PUBLIC_BASE_URL');
const taskQueue = required('BASELINE_TASK_QUEUE');
const statusNames: Record<string, string> = {
  DRAFT: 'Draft',
  PENDING_APPROVAL: 'Pending Approval',
  IN_REVIEW: 'In Review',
  REJECTED: 'Rejected',
  RESUBMITTED: 'Resubmitted',
  FULLY_APPROVED: 'Fully Approved',
  FINANCE_REVIEW: 'Finance Review',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
};
const typeNames: Record<string, string> = { GOODS: 'Goods', SERVICES: 'Services' };

const LIST_SQL = `
  WITH page AS (
    SELECT * FROM purchase_requests WHERE tenant_id = $3 ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2
  )
  SELECT p.*, u.username, u.first_name, u.last_name, t.name AS team_name,
         s.step_name, s.step_order, s.is_finance_review,
         (SELECT count(*) FROM purchase_requests WHERE tenant_id = $3) AS total
  FROM page p
  JOIN users u ON u.id = p.requestor_id
  JOIN teams t ON t.id = p.team_id
  LEFT JOIN workflow_template_steps s ON s.id = p.current_step_id
  ORDER BY p.created_at DESC, p.id DESC`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw pg row, shaped by LIST_SQL above
function present(row: Record<string, any>) {
  return {
    id: row.id,
    requestor: { id: row.requestor_id, username: row.username, first_name: row.first_name, last_name: row.last_name },
    team: { id: row.team_id, name: row.team_name },
    status: { code: row.status, name: statusNames[row.status] ?? row.status },
    purchase_type: { code: row.purchase_type, name: typeNames[row.purchase_type] },
    subject: row.subject,
    vendor_name: row.vendor_name,
    amount: row.amount,
    currency: row.currency,
    current_template_step: row.current_step_id
      ? {
          id: row.current_step_id,
          step_name: row.step_name,
          step_order: row.step_order,
          is_finance_review: row.is_finance_review,
        }
      : null,
    round: row.round,
    escalated: row.escalated,
    submitted_at: row.submitted_at ? row.submitted_at.toISOString() : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

async function main(): Promise<void> {
  const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
  const client = new Client({ connection });
  const { rows: tenants } = await pool.query<{ id: string }>('SELECT id FROM tenants ORDER BY created_at, id LIMIT 1');
  const tenantId = tenants[0]?.id;
  if (!tenantId) throw new Error('the baseline needs the seeded tenant');
  const app = new Koa();
  app.use(async (ctx) => {
    const [path] = ctx.url.split('?') as [string];
    if (ctx.method === 'GET' && path === '/baseline/requests/') {
      const page = Number(ctx.query.page ?? 1);
      const size = Number(ctx.query.page_size ?? 25);
      const { rows } = await pool.query(LIST_SQL, [size, (page - 1) * size, tenantId]);
      const count = rows.length ? Number(rows[0].total) : 0;
      const link = (target: number) => `${baseUrl}${path}?page=${target}&page_size=${size}`;
      ctx.body = {
        count,
        next: page * size < count ? link(page + 1) : null,
        previous: page > 1 ? link(page - 1) : null,
        results: rows.map(present),
      };
      return;
    }
    const update = /^\/baseline\/updates\/([\w-]+)\/$/.exec(path);
    if (ctx.method === 'POST' && update) {
      const result = await client.workflow
        .getHandle(`baseline-update-${update[1]}`)
        .executeUpdate(baselineStep, { args: ['bob'] });
      ctx.body = { id: update[1], count: result };
      return;
    }
    if (ctx.method === 'POST' && path === '/baseline/chains/') {
      const id = randomUUID();
      await pool.query('INSERT INTO bench_baseline (id, actor, count) VALUES ($1, $2, 0)', [id, 'alice']);
      ctx.status = 201;
      ctx.body = { id };
      return;
    }
    const chain = /^\/baseline\/chains\/([\w-]+)\/(start|step)\/$/.exec(path);
    if (ctx.method === 'POST' && chain) {
      const workflowId = `baseline-chain-${chain[1]}`;
      const done =
        chain[2] === 'start'
          ? await client.workflow.executeUpdateWithStart(baselineStep, {
              args: ['alice'],
              startWorkflowOperation: new WithStartWorkflowOperation('chainWithNoopActivities', {
                workflowId,
                taskQueue,
                args: [5],
                workflowIdConflictPolicy: 'USE_EXISTING',
              }),
            })
          : await client.workflow.getHandle(workflowId).executeUpdate(baselineStep, { args: ['someone'] });
      ctx.body = { id: chain[1], done };
      return;
    }
    ctx.status = 404;
  });
  const handle = app.callback(); // Koa answers its own errors: the promise never rejects
  createServer((req, res) => void handle(req, res)).listen(Number(required('PORT')), '127.0.0.1', () =>
    console.log(JSON.stringify({ msg: 'baseline api listening' })),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
