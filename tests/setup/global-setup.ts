import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createSeededDatabase } from '../../scripts/lib/databases';
import { freePort } from '../../scripts/lib/free-port';
import { startDevServer } from '../../scripts/lib/temporal-dev-server';
import type { TestRun } from './test-run';
import { startSmtpRecorder } from './smtp-recorder';
import { buildWebApp, webBuildIsStale } from '../../scripts/lib/web-build';

/**
 * Once per `npm test`: a migrated and seeded template database (each test file clones it), one
 * in-memory Temporal dev server on free ports, one in-process SMTP server, the workflow bundle, and
 * the web app's build when its sources changed.
 */
export default async function globalSetup(): Promise<void> {
  // The API serves web/dist and the browser tests drive it: build it when missing or stale.
  if (webBuildIsStale()) buildWebApp();
  const dir = mkdtempSync(path.join(tmpdir(), 'procurement-test-'));
  const adminDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databasePrefix = `procurement_test_${process.pid}_${Date.now().toString(36)}`;
  const templateDatabase = `${databasePrefix}_template`;
  const mailDir = path.join(dir, 'mail');
  mkdirSync(mailDir);

  const [temporalPort, smtpPort] = await Promise.all([freePort(), freePort()]);
  const [temporal, smtp, workflowBundle] = await Promise.all([
    startDevServer({ port: temporalPort }),
    startSmtpRecorder(smtpPort, mailDir),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger }),
    createSeededDatabase(adminDatabaseUrl, templateDatabase),
  ]);
  const workflowBundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, workflowBundle.code);

  const run: TestRun = {
    dir,
    adminDatabaseUrl,
    templateDatabase,
    databasePrefix,
    temporalAddress: temporal.address,
    smtpPort,
    mailDir,
    workflowBundlePath,
  };
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(run, null, 2));
  process.env.PROCUREMENT_TEST_RUN_DIR = dir;
  Object.assign(globalThis, { __procurementTest: { run, temporal, smtp } });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
