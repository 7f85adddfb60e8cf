import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');
export const bundledCliPath = path.join(projectRoot, '.tools', 'bin', 'temporal');

/** TEMPORAL_CLI_PATH, else `temporal` on PATH, else .tools/bin/temporal (installed by ensure-setup.sh). */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH && existsSync(env.TEMPORAL_CLI_PATH)) return env.TEMPORAL_CLI_PATH;
  try {
    const found = execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return existsSync(bundledCliPath) ? bundledCliPath : undefined;
}
