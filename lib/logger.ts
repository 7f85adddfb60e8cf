import pino, { type Logger } from 'pino';

/** Paths that could carry a secret are censored wherever they appear in a log object. */
const redact = [
  'password',
  '*.password',
  'old_password',
  'new_password',
  '*.old_password',
  '*.new_password',
  'token',
  '*.token',
  'refresh',
  '*.refresh',
  'access',
  '*.access',
  'secret',
  '*.secret',
  'passwordHash',
  '*.passwordHash',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, name = 'procurement'): Logger {
  return pino({ name, level, redact: { paths: redact, censor: '[redacted]' }, base: { pid: process.pid } });
}

export type { Logger };
