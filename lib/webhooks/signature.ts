import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the base64 part of
 * the `whsec_` secret. Receivers verify with the same few lines (docs/webhooks.md).
 */
export function signPayload(secret: string, id: string, timestamp: number, body: string): string {
  const key = signingKey(secret);
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Fewer key bytes than this make a forgeable HMAC: such secrets are refused, stored or not. */
export const MIN_SECRET_BYTES = 24;

/** The HMAC key: the base64 part of a `whsec_` secret, decoded. */
export function signingKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

/**
 * Checks a Standard Webhooks request: a `v1` signature made with `secret` over id.timestamp.body
 * (compared in constant time) and a timestamp within `toleranceSeconds` of now.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (
    !headers.id ||
    !headers.signature ||
    !Number.isInteger(timestamp) ||
    Math.abs(nowSeconds - timestamp) > toleranceSeconds
  )
    return false;
  if (signingKey(secret).length < MIN_SECRET_BYTES) return false; // an empty or short key verifies anyone's forgery
  const expected = Buffer.from(signPayload(secret, headers.id, timestamp, rawBody).slice(3), 'base64');
  return headers.signature.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
