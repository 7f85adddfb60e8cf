/**
 * Import cycles (issue 13, house.md R2). The layer direction itself is checked by ESLint
 * (eslint.config.mjs, "Layers"); this file finds what ESLint cannot: cycles, type imports included.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Break a cycle with a leaf module that both sides import (as api/http/context.ts does).',
      from: { pathNot: '^db/models/' },
      to: { circular: true },
    },
    {
      // Objection's relationMappings are thunks, so models may name each other (its own koa-ts
      // example does, Animal <-> Person); a cycle that leaves db/models is still refused.
      name: 'no-circular-outside-model-thunks',
      severity: 'error',
      from: { path: '^db/models/' },
      to: { circular: true, via: { pathNot: '^db/models/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
