import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfigOrExit } from '../config/load';
import { createKnex } from '../db/knex';
import { createMailer } from '../activities/mail/mailer';
import { createLogger } from '../lib/logger';
import { activityDepsFrom, createWorker } from './create-worker';
import { ensureOutboxRelay } from './outbox-relay';
import { startHousekeeping } from './housekeeping';
import { ensureSearchAttributes } from './search-attributes';
import { ensureHealthSchedules } from './integration-health';

/** `npm run worker`: the SDK's runtime turns SIGINT/SIGTERM into a graceful shutdown of in-flight tasks. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'worker');
  const knex = createKnex(config.database.url, config.database.poolMax);
  const mailer = createMailer(config.mail);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createWorker({
      config,
      connection,
      activityDeps: activityDepsFrom(config, knex, mailer),
    });
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
    await ensureSearchAttributes(clientConnection, config.temporal.namespace);
    const running = worker.run();
    const stopHousekeeping = startHousekeeping(knex, logger);
    await ensureOutboxRelay(client, config.temporal.taskQueue, config.webhooks.outboxPollSeconds);
    await ensureHealthSchedules(client, knex, {
      taskQueue: config.temporal.taskQueue,
      intervalSeconds: config.integrationHealth.intervalSeconds,
    });
    await client.connection.close();
    logger.info({ taskQueue: config.temporal.taskQueue, mail: mailer.describe() }, 'worker started');
    await running;
    await stopHousekeeping();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await knex.destroy();
    mailer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
