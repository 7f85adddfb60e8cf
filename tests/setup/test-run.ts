import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the global set-up started, shared with every test file through a JSON file. */
export interface TestRun {
  dir: string;
  adminDatabaseUrl: string;
  templateDatabase: string;
  databasePrefix: string;
  temporalAddress: string;
  smtpPort: number;
  mailDir: string;
  workflowBundlePath: string;
}

export function readTestRun(): TestRun {
  const dir = process.env.PROCUREMENT_TEST_RUN_DIR;
  if (!dir) throw new Error('PROCUREMENT_TEST_RUN_DIR is not set: run the tests through jest (npm test)');
  return JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as TestRun;
}

export { databaseUrl } from '../../scripts/lib/databases';
