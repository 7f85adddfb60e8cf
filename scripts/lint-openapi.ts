// Lints the OpenAPI document the API serves with two tools nobody here wrote, Redocly and Spectral,
// with the committed rulesets (redocly.yaml, .spectral.yaml). Part of `npm test`; needs no services.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { offlineOpenApiDocument } from './lib/openapi-document';

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

async function main(): Promise<void> {
  const openApi = await offlineOpenApiDocument();
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
  process.exit(failed ? 1 : 0);
}

void main();
