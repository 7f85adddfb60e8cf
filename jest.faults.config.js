/**
 * `npm run test:faults`: the Reliability table (R1–R6) of shared/spec/quality.md with real processes.
 * Each tests/faults/*.fault.ts starts its own stack (scripts/lib/stack.ts: a fresh database, an
 * in-memory Temporal dev server, api and worker child processes) and kills or cuts parts of it.
 * Not matched by jest.config.js (`*.test.ts`), so `npm test` never runs these.
 * @type {import('jest').Config}
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };

module.exports = {
  testEnvironment: 'node',
  transform,
  testMatch: ['<rootDir>/tests/faults/**/*.fault.ts'],
  // Stacks start processes, outages last 10–30 s and chains run to the end: minutes, not seconds.
  testTimeout: 300_000,
  // Two cores, and each file runs a Temporal server, an api and a worker of its own: one file at a time.
  maxWorkers: 1,
  // One line per guarantee (each test is one clause of the table), also when several files run.
  verbose: true,
};
