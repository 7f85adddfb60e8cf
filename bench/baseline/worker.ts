import { NativeConnection, Worker } from '@temporalio/worker';
import { createKnex } from '../../db/knex';
import { createBaselineActivities } from './activities';
import { required } from './env';

/** The baseline's worker process: same Temporal server and PostgreSQL as the product, its own task queue. */
async function main(): Promise<void> {
  const knex = createKnex(required('DATABASE_URL'), Number(process.env.DATABASE_POOL_MAX ?? 10));
  const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    taskQueue: required('BASELINE_TASK_QUEUE'),
    workflowsPath: require.resolve('./workflows'),
    activities: createBaselineActivities(knex),
  });
  const running = worker.run();
  console.log(JSON.stringify({ msg: 'worker started' }));
  await running;
  await connection.close();
  await knex.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
