import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { projectRoot } from '../../config/config';

const webDir = path.join(projectRoot, 'web');
const distDir = path.join(webDir, 'dist');
/** What the build reads: a change to any of these makes the build stale. */
const sources = [
  path.join(webDir, 'src'),
  path.join(webDir, 'public'),
  path.join(webDir, 'index.html'),
  path.join(webDir, 'vite.config.mts'),
  path.join(projectRoot, 'package-lock.json'),
];

/** True when web/dist is missing or older than any of its sources. */
export function webBuildIsStale(): boolean {
  const built = path.join(distDir, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newestMtime(source) > builtAt);
}

export interface WebBuildReport {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  totalGzip: number;
}

/**
 * Builds the app with Vite, then writes .gz and .br beside each asset so the API sends them
 * compressed without compressing on every request. Returns the sizes (the bundle's gzip figure).
 */
export function buildWebApp(): WebBuildReport {
  execFileSync(
    path.join(projectRoot, 'node_modules', '.bin', 'vite'),
    ['build', '--config', path.join(webDir, 'vite.config.mts'), '--logLevel', 'warn'],
    // Always React's production build: Jest runs with NODE_ENV=test and `npm start` may have
    // NODE_ENV=development, either of which would otherwise give the development bundle.
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  const assets = path.join(distDir, 'assets');
  const files = readdirSync(assets)
    .filter((file) => /\.(js|css|svg)$/.test(file))
    .map((file) => {
      const full = path.join(assets, file);
      const content = readFileSync(full);
      const gzip = gzipSync(content, { level: 9 });
      writeFileSync(`${full}.gz`, gzip);
      writeFileSync(`${full}.br`, brotliCompressSync(content));
      return { file: `assets/${file}`, bytes: content.length, gzip: gzip.length };
    });
  return { files, totalGzip: files.reduce((sum, file) => sum + file.gzip, 0) };
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), 0);
}
