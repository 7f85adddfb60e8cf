// Lints the OpenAPI document the API serves with two tools nobody here wrote, Redocly and Spectral,
// with the committed rulesets (redocly.yaml, .spectral.yaml). Part of `npm test`; needs no services.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../api/app';
import { createTemporalGateway } from '../api/temporal/temporal-gateway';
import { loadConfig } from '../config/config';
import { createKnex } from '../db/knex';

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

async function main(): Promise<void> {
  // Building the app opens no connection: knex and the Temporal client connect on first use.
  // The document is linted as a deployment serves it: its server is the public URL, not localhost.
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://lint@127.0.0.1:1/none',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    JWT_SECRET: 'x'.repeat(32),
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'https://procurement.acme.test',
  });
  const knex = createKnex(config.database.url, 1);
  const temporal = createTemporalGateway(config.temporal);
  const { openApi } = createApp({ config, knex, temporal, logger: pino({ level: 'silent' }) });
  // Under var/ (git-ignored) rather than /tmp: .spectral.yaml's overrides name the file by its path.
  const dir = path.join(root, 'var', 'openapi-lint');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(openApi, null, 2));
  const env = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_UPDATE_NOTIFIER: '1',
  };
  let failed = false;
  for (const [label, command, args] of [
    ['Redocly', bin('redocly'), ['lint', '--config', path.join(root, 'redocly.yaml'), '--format', 'stylish', file]],
    [
      'Spectral',
      bin('spectral'),
      ['lint', '--ruleset', path.join(root, '.spectral.yaml'), '--fail-severity', 'warn', file],
    ],
  ] as const) {
    try {
      const output = execFileSync(command, [...args], {
        cwd: root,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      console.log(`${label}: ok${output.trim() ? `\n${output.trim()}` : ''}`);
    } catch (error) {
      failed = true;
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      console.error(`${label}: failed on ${path.relative(root, file)} (kept for reading)\n${stdout}${stderr}`);
    }
  }
  await Promise.all([knex.destroy(), temporal.close()]);
  process.exit(failed ? 1 : 0);
}

void main();
