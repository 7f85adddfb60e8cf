/** A fresh Idempotency-Key per action, so a retried click or a lost answer never acts twice.
 * crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
