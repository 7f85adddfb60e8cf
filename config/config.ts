import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { envSchema, type Env } from './env.schema';
import type { z } from 'zod';

export const projectRoot = path.resolve(__dirname, '..');
export const varDir = path.join(projectRoot, 'var');

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  publicBaseUrl: string;
  database: { url: string; poolMax: number };
  temporal: { address: string; namespace: string; taskQueue: string; maxCachedWorkflows: number };
  mail: { smtpUrl?: string; outboxDir: string; from: string; completionTo: string };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxFailures: number;
    /** Registrations (new organisations) one IP address may make per hour. */
    registrationsPerHour: number;
    loginFailureWindowSeconds: number;
  };
  corsAllowedOrigins: string[];
  storageDir: string;
  /** The built web app the API serves at `/` (web/dist; in the image dist/web/dist). */
  webDistDir: string;
  maxUploadBytes: number;
  /** New requests' and orders' currency, and the currency of approval thresholds (min_amount). */
  defaultCurrency: string;
  /** One unit of each listed currency in defaultCurrency: requests in these may be routed. */
  currencyRates: Record<string, string>;
  rateLimits: {
    authenticatedPerHour: number;
    anonymousPerHour: number;
    /** Every caller of one tenant together, unless the tenant has its own (`tenants.rate_limit_per_hour`). */
    tenantPerHour: number;
    burstPerMinute: number;
  };
  webhooks: {
    retryInitialSeconds: number;
    retryMaxDelaySeconds: number;
    retryMaxAttempts: number;
    disableAfterFailures: number;
    allowPrivateTargets: boolean;
    allowHttp: boolean;
    /** One delivery attempt's limit (workflows.md: 10 s). */
    timeoutSeconds: number;
    /** How often the outbox relay looks for new events. */
    outboxPollSeconds: number;
  };
  /** Probes of integration providers' health URLs (decision 0038), through the webhooks' address guard. */
  integrationHealth: {
    intervalSeconds: number;
    /** A probe with no answer by then counts as down. */
    timeoutMs: number;
    /** A 2xx answer slower than this is degraded. */
    degradedMs: number;
  };
  orderConfirmTimeoutHours: number;
  logLevel: Env['LOG_LEVEL'];
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For (login throttling, rate limits). */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
  }
}

/** Validates the environment once; every problem becomes one line naming its variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(envSchema, source);
  const problems = productionProblems(env);
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS'] as const) {
    if (!env[name]) problems.push(`${name}: is required (npm start sets it for you when it starts the component)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(env);
}

function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!env.JWT_SECRET) problems.push('JWT_SECRET: is required when NODE_ENV=production');
  if (!env.SMTP_URL) problems.push('SMTP_URL: is required when NODE_ENV=production');
  if (!env.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: is required when NODE_ENV=production');
  return problems;
}

function toConfig(env: Env): Config {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    database: { url: env.DATABASE_URL as string, poolMax: env.DATABASE_POOL_MAX },
    temporal: {
      address: env.TEMPORAL_ADDRESS as string,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      outboxDir: path.join(varDir, 'outbox'),
      from: env.MAIL_FROM,
      completionTo: env.COMPLETION_EMAIL_TO,
    },
    auth: {
      jwtSecret: env.JWT_SECRET ?? developmentJwtSecret(),
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      registrationsPerHour: env.REGISTRATIONS_PER_HOUR,
      loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_MINUTES * 60,
    },
    corsAllowedOrigins: env.CORS_ALLOWED_ORIGINS,
    storageDir: env.STORAGE_DIR ?? path.join(varDir, 'attachments'),
    webDistDir: path.join(projectRoot, 'web', 'dist'),
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    defaultCurrency: env.DEFAULT_CURRENCY,
    currencyRates: Object.fromEntries(
      Object.entries(env.CURRENCY_RATES).filter(([code]) => code !== env.DEFAULT_CURRENCY),
    ),
    rateLimits: {
      authenticatedPerHour: env.RATE_LIMIT_AUTHENTICATED_PER_HOUR,
      anonymousPerHour: env.RATE_LIMIT_ANONYMOUS_PER_HOUR,
      tenantPerHour: env.RATE_LIMIT_TENANT_PER_HOUR,
      burstPerMinute: env.RATE_LIMIT_BURST_PER_MINUTE,
    },
    webhooks: {
      retryInitialSeconds: env.WEBHOOK_RETRY_INITIAL_SECONDS,
      retryMaxDelaySeconds: env.WEBHOOK_RETRY_MAX_DELAY_SECONDS,
      retryMaxAttempts: env.WEBHOOK_RETRY_MAX_ATTEMPTS,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      allowHttp: env.WEBHOOK_ALLOW_HTTP,
      outboxPollSeconds: env.OUTBOX_POLL_SECONDS,
      timeoutSeconds: env.WEBHOOK_TIMEOUT_SECONDS,
    },
    integrationHealth: {
      intervalSeconds: env.INTEGRATION_HEALTH_INTERVAL_SECONDS,
      timeoutMs: env.INTEGRATION_HEALTH_TIMEOUT_MS,
      degradedMs: env.INTEGRATION_HEALTH_DEGRADED_MS,
    },
    orderConfirmTimeoutHours: env.ORDER_CONFIRM_TIMEOUT_HOURS,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
  };
}

/** Outside production the secret is generated once and kept in var/ so API and worker share it. */
function developmentJwtSecret(): string {
  const file = path.join(varDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(varDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process (API or worker started alongside) wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

/** Parses `source` with `schema` (empty values count as unset), or throws one line per bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(emptyToUndefined(source));
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return parsed.data;
}

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === '' ? undefined : value]));
}
