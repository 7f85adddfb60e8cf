// `refresh` and `access` are the token pair's field names (login, refresh and logout bodies and answers).
const SECRET_FIELD = /password|secret|token|signature|^refresh$|^access$/i;

/**
 * A copy without secrets (passwords, tokens, signing secrets), for the audit log and idempotent
 * replays. Anything nested deeper than six levels is dropped rather than risk keeping a secret.
 */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => withoutSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      SECRET_FIELD.test(key) ? '[redacted]' : withoutSecrets(item, depth + 1),
    ]),
  );
}
