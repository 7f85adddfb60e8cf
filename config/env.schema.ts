import { z } from 'zod';
import { isIsoCurrency } from './currencies';

/** Durations accept plain seconds or a number with s/m/h/d, e.g. `900`, `15m`, `7d`. */
const duration = z
  .string()
  .regex(/^\d+[smhd]?$/, 'must be seconds or a number followed by s, m, h or d (e.g. 15m)')
  .transform((value) => {
    const unit = value.at(-1) ?? '';
    const factor = { s: 1, m: 60, h: 3600, d: 86400 }[unit];
    return factor ? Number(value.slice(0, -1)) * factor : Number(value);
  })
  .refine((seconds) => seconds > 0, 'must be greater than zero');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const optionalUrl = (protocols: RegExp) =>
  z
    .string()
    .url()
    .refine((value) => protocols.test(value), `must start with ${protocols.source.replace(/[\\^()]/g, '')}`)
    .optional();

/** Every variable the processes read; defaults follow shared/spec/runtime.md. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(0, 65535).default(8000),
  PUBLIC_BASE_URL: z.string().url().optional(),
  DATABASE_URL: optionalUrl(/^postgres(ql)?:\/\//),
  // The schema owner's URL, read by the migrations only (`npm run db:migrate`, `npm start`); decision 0034.
  DATABASE_OWNER_URL: optionalUrl(/^postgres(ql)?:\/\//),
  DATABASE_POOL_MAX: int(1, 500).default(10),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('procurement'),
  WORKER_MAX_CACHED_WORKFLOWS: int(2, 100_000).default(500),
  TEMPORAL_CLI_PATH: z.string().optional(),
  // Read by `npm start` only (config/start-options.ts): ports of what it starts, a UI to point at.
  EMBEDDED_POSTGRES_PORT: int(1, 65535).default(54329),
  TEMPORAL_DEV_PORT: int(1, 65535).default(7233),
  TEMPORAL_DEV_UI_PORT: int(1, 65535).default(8233),
  TEMPORAL_UI_URL: z.string().url().optional(),
  SMTP_URL: optionalUrl(/^smtps?:\/\//),
  MAIL_FROM: z.string().min(3).default('Procurement <procurement@example.com>'),
  COMPLETION_EMAIL_TO: z.string().email().default('finance@example.com'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: duration.default(900),
  REFRESH_TOKEN_TTL: duration.default(7 * 86400),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  STORAGE_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_BYTES: int(1, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  DEFAULT_CURRENCY: z.string().refine(isIsoCurrency, 'must be an ISO 4217 code such as USD').default('USD'),
  CURRENCY_RATES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const rates: Record<string, string> = {};
      for (const pair of value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)) {
        const match = /^([A-Z]{3})=(\d{1,9}(?:\.\d{1,6})?)$/.exec(pair);
        if (!match || !isIsoCurrency(match[1] as string) || Number(match[2]) <= 0) {
          ctx.addIssue({
            code: 'custom',
            message: `"${pair}" is not CODE=rate (an ISO 4217 code and a positive decimal with up to 6 places)`,
          });
          continue;
        }
        rates[match[1] as string] = match[2] as string;
      }
      return rates;
    }),
  RATE_LIMIT_AUTHENTICATED_PER_HOUR: int(1, 10_000_000).default(1000),
  RATE_LIMIT_ANONYMOUS_PER_HOUR: int(1, 10_000_000).default(100),
  RATE_LIMIT_TENANT_PER_HOUR: int(1, 100_000_000).default(20_000),
  RATE_LIMIT_BURST_PER_MINUTE: int(1, 1_000_000).default(50),
  LOGIN_MAX_FAILURES: int(1, 1000).default(10),
  LOGIN_FAILURE_WINDOW_MINUTES: int(1, 1440).default(15),
  REGISTRATIONS_PER_HOUR: int(1, 100_000).default(10),
  WEBHOOK_RETRY_INITIAL_SECONDS: z.coerce.number().positive().default(60),
  WEBHOOK_RETRY_MAX_DELAY_SECONDS: z.coerce.number().positive().default(300),
  WEBHOOK_RETRY_MAX_ATTEMPTS: int(1, 100).default(4),
  WEBHOOK_DISABLE_AFTER_FAILURES: int(1, 10_000).default(10),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
  WEBHOOK_ALLOW_HTTP: bool.default(false),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(60).default(10),
  OUTBOX_POLL_SECONDS: z.coerce.number().min(0.1).max(300).default(2),
  INTEGRATION_HEALTH_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  INTEGRATION_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
  INTEGRATION_HEALTH_DEGRADED_MS: z.coerce.number().int().min(1).max(30_000).default(1000),
  ORDER_CONFIRM_TIMEOUT_HOURS: z.coerce.number().positive().default(168),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;
