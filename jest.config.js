/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };

module.exports = {
  projects: [
    {
      // Pure code: no database, no Temporal, no SMTP (`npm run test:unit` runs only this, in seconds).
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      // The web app's logic and components (web/src), in jsdom; no service, like `unit`.
      displayName: 'web',
      testEnvironment: 'jsdom',
      transform: {
        '^.+\\.tsx?$': [
          '@swc/jest',
          {
            jsc: {
              target: 'es2022',
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        ],
      },
      moduleNameMapper: { '\\.css$': '<rootDir>/web/src/test/style-stub.js' },
      setupFiles: ['<rootDir>/web/src/test/setup.ts'],
      testMatch: ['<rootDir>/web/src/**/*.test.{ts,tsx}'],
    },
    {
      // The real parts: the global set-up starts them once per run (tests/setup/).
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/unit/'],
      // Browser tests need the built app (npm test builds it first; see docs/web-app.md).
    },
  ],
  // A run-wide option (Jest ignores it inside a project): integration tests wait on real services.
  testTimeout: 60_000,
  // Two cores: two test files at a time, each with its own database and task queue.
  maxWorkers: 2,
};
