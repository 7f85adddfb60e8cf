import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Knex } from 'knex';
import type { Config } from '../config/config';
import { createActivities, type ActivityDeps } from '../activities';
import type { Mailer } from '../activities/mail/mailer';
import { createSecretBox } from '../lib/webhooks/secret-box';

export interface WorkerFactoryOptions {
  config: Pick<Config, 'temporal'>;
  connection: NativeConnection;
  activityDeps: ActivityDeps;
  /** Tests bundle the workflow code once and share it between workers. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  taskQueue?: string;
}

/** Builds the worker that serves every workflow and activity of the procurement task queue. */
export function createWorker(options: WorkerFactoryOptions): Promise<Worker> {
  const { config, connection, activityDeps, workflowBundle } = options;
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: options.taskQueue ?? config.temporal.taskQueue,
    activities: createActivities(activityDeps),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    shutdownGraceTime: '30 seconds',
    // Bounded (the SDK's default grows with the heap limit, ~2 300 here): see WORKER_MAX_CACHED_WORKFLOWS.
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
  });
}

/** The activities' dependencies from the validated configuration (one place for the worker and tests). */
export function activityDepsFrom(
  config: Pick<
    Config,
    | 'publicBaseUrl'
    | 'mail'
    | 'orderConfirmTimeoutHours'
    | 'webhooks'
    | 'auth'
    | 'defaultCurrency'
    | 'currencyRates'
    | 'integrationHealth'
  >,
  knex: Knex,
  mailer: Mailer,
): ActivityDeps {
  return {
    webhooks: config.webhooks,
    integrationHealth: config.integrationHealth,
    secretBox: createSecretBox(config.auth.jwtSecret),
    knex,
    mailer,
    publicBaseUrl: config.publicBaseUrl,
    completionEmailTo: config.mail.completionTo,
    orderConfirmTimeoutHours: config.orderConfirmTimeoutHours,
    routing: { currency: config.defaultCurrency, rates: config.currencyRates },
  };
}
