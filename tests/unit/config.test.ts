import { ConfigError, loadConfig } from '../../config/config';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'y'.repeat(40),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 8000,
      publicBaseUrl: 'http://localhost:8000',
      temporal: { namespace: 'default', taskQueue: 'procurement' },
      auth: {
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 604800,
        loginMaxFailures: 10,
        loginFailureWindowSeconds: 900,
      },
      maxUploadBytes: 10 * 1024 * 1024,
      defaultCurrency: 'USD',
      rateLimits: { authenticatedPerHour: 1000, anonymousPerHour: 100, burstPerMinute: 50 },
      webhooks: {
        retryInitialSeconds: 60,
        retryMaxDelaySeconds: 300,
        retryMaxAttempts: 4,
        disableAfterFailures: 10,
        allowHttp: false,
        allowPrivateTargets: false,
      },
      orderConfirmTimeoutHours: 168,
      trustProxy: false,
    });
  });

  it('parses durations, lists and booleans', () => {
    const config = loadConfig({
      ...base,
      ACCESS_TOKEN_TTL: '15m',
      REFRESH_TOKEN_TTL: '7d',
      CORS_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      WEBHOOK_ALLOW_HTTP: 'true',
    });
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.auth.refreshTokenTtlSeconds).toBe(604800);
    expect(config.corsAllowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.webhooks.allowHttp).toBe(true);
  });

  it('reports one line per bad variable, naming it', () => {
    const problems = problemsOf({
      ...base,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      ACCESS_TOKEN_TTL: '15 minutes',
      DEFAULT_CURRENCY: 'usd',
      WEBHOOK_ALLOW_HTTP: 'maybe',
    });
    expect(problems).toHaveLength(5);
    for (const name of ['PORT', 'DATABASE_URL', 'ACCESS_TOKEN_TTL', 'DEFAULT_CURRENCY', 'WEBHOOK_ALLOW_HTTP']) {
      expect(problems.filter((line) => line.startsWith(`${name}: `))).toHaveLength(1);
    }
  });

  it('requires the database and Temporal addresses, and production secrets', () => {
    expect(problemsOf({ JWT_SECRET: 'y'.repeat(40) }).map((line) => line.split(':')[0])).toEqual([
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
    ]);
    const production = problemsOf({ ...base, NODE_ENV: 'production', JWT_SECRET: '' });
    expect(production.map((line) => line.split(':')[0])).toEqual(['JWT_SECRET', 'SMTP_URL', 'PUBLIC_BASE_URL']);
    expect(problemsOf({ ...base, JWT_SECRET: 'short' })).toEqual(['JWT_SECRET: must be at least 32 characters']);
  });
});

// Issue 12 item 26: a newcomer finds every variable the processes and `npm start` read in both places.
describe('documented variables', () => {
  const { readFileSync, readdirSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const path = jest.requireActual<typeof import('node:path')>('node:path');
  const root = path.resolve(__dirname, '../..');
  const { envSchema } = jest.requireActual<typeof import('../../config/env.schema')>('../../config/env.schema');
  const variables = Object.keys(envSchema.shape);

  it('lists every variable of the schema in .env.example and in docs/configuration.md', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const docs = readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8');
    expect(variables.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
    expect(variables.filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
    expect(variables).toEqual(
      expect.arrayContaining(['EMBEDDED_POSTGRES_PORT', 'TEMPORAL_DEV_PORT', 'TEMPORAL_DEV_UI_PORT', 'CURRENCY_RATES']),
    );
  });

  it('reads no variable outside the schema in the service and `npm start`', () => {
    const read = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts'))
          for (const match of readFileSync(full, 'utf8').matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)/g))
            read.add(match[1] as string);
      }
    };
    for (const dir of ['api', 'activities', 'config', 'db', 'worker', 'workflows', 'contracts'])
      walk(path.join(root, dir));
    walk(path.join(root, 'scripts'));
    // Set by the tooling around the service, not by whoever configures it.
    const tooling = ['PATH', 'HOME', 'CI'];
    expect([...read].filter((name) => !variables.includes(name) && !tooling.includes(name))).toEqual([]);
  });
});
