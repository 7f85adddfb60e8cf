import 'dotenv/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { projectRoot } from '../config/config';
import { createKnex } from '../db/knex';
import { tenantKnex } from '../db/tenant-scope';
import { startStack, type Service } from '../scripts/lib/stack';
import { BASELINE_TABLE_SQL } from './baseline/activities';
import { startBaselineApi, startBaselineWorker } from './baselines';
import { log, settings, stackEnv, type BenchContext } from './context';
import { loginAll, machine, marketingTeam } from './helpers';
import { startReceiver, startSmtpSink } from './peers';
import { bars, type Figures } from './report';
import * as p1ListThroughput from './scenarios/p1-list-throughput';
import * as p2ApproveLatency from './scenarios/p2-approve-latency';
import * as p3Chains from './scenarios/p3-chains';
import * as p4WebhookDeliveries from './scenarios/p4-webhook-deliveries';
import * as p5ListScaling from './scenarios/p5-list-scaling';
import * as p6Memory from './scenarios/p6-memory';
import * as isolationCost from './scenarios/isolation-cost';

/**
 * `npm run bench`: starts the stack itself (fresh database, Temporal dev server, API, worker, and the
 * bare baselines next to them), loads data, and measures P1–P6 of shared/spec/quality.md against
 * baselines measured in this same run. Prints one JSON object and writes it to bench/results/.
 * The scenarios live in bench/scenarios/, one per figure; this file runs them in order (P5 loads the
 * rows P1 measures on; P3 also takes P6's figure under load) and assembles the result.
 */
async function main(): Promise<void> {
  const started = new Date();
  const smtp = await startSmtpSink();
  const receiver = await startReceiver();
  const stack = await startStack({
    name: 'procurement_bench',
    log: process.env.BENCH_VERBOSE ? log : undefined,
    env: stackEnv(smtp.url),
    // One tenant: the isolation-cost scenario switches row-level security off, and with it off a
    // second tenant's rows would be everyone's.
    secondDemoTenant: false,
  });
  const services: Service[] = [];
  // The owner's connection: the bench's own data set-up (VACUUM, the baseline's table) is DDL.
  const knex = createKnex(stack.ownerDatabaseUrl, 4);
  // The bench's data goes in as the app's runtime role, under the demo tenant and its row-level
  // security (the owner bypasses RLS and would see, and mix, every tenant's rows).
  const runtime = createKnex(stack.databaseUrl, 4);
  try {
    // The baseline's one table, created by the owner like every table (the processes may not).
    await knex.raw(BASELINE_TABLE_SQL);
    log('starting api, worker and baselines');
    const [api, worker, baselineWorker] = await Promise.all([
      stack.startApi(),
      stack.startWorker(),
      startBaselineWorker(stack, services, log),
    ]);
    const baseline = await startBaselineApi(stack, baselineWorker, services, log);
    const auth = await loginAll(api.url);
    const temporal = new Client({ connection: await Connection.connect({ address: stack.temporal.address }) });
    const team = await marketingTeam(api.url, auth.alice);
    const tenantDb = tenantKnex(runtime, (await runtime('tenants').where({ slug: 'demo' }).first('id')).id);
    const ctx: BenchContext = {
      settings,
      log,
      stack,
      knex,
      tenantDb,
      temporal,
      api,
      worker,
      baseline,
      receiver,
      auth,
      team,
    };

    const p5 = await p5ListScaling.measure(ctx);
    const p1 = await p1ListThroughput.measure(ctx);
    log(`P1 queries per request: ${p1.figures.queriesPerRequest}; P5 p95 ${p5.small.p95} → ${p5.large.p95} ms`);
    const p2 = await p2ApproveLatency.measure(ctx);
    const p3 = await p3Chains.measure(ctx);
    const p4 = await p4WebhookDeliveries.measure(ctx);
    // Before the soak, while the dev server's history is as small as P3 saw it. A failure here is
    // reported with the figures, not in place of them: the bars stand on their own scenarios.
    const isolation = await isolationCost.measure(ctx).catch((error: unknown) => {
      log(`isolation cost: ${String(error)}`);
      return { error: String(error).slice(0, 500) };
    });
    const soak = await p6Memory.measure(ctx);

    const figures: Figures = { p1: p1.figures, p2, p3: p3.figures, p4, p5, p6: { underLoad: p3.underLoad, soak } };
    const result = {
      started: started.toISOString(),
      finished: new Date().toISOString(),
      machine: machine(),
      settings,
      bars: bars(figures),
      figures,
      isolationCost: isolation,
      p1QueryLog: p1.queryLog,
      p5Plan: p1.plan,
    };
    const dir = path.join(projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await knex.destroy();
    await runtime.destroy();
    await Promise.all(services.map((service) => service.stop(5000)));
    await stack.stop();
    await Promise.all([smtp.close(), receiver.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
