import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The only algorithm accepted anywhere: tokens signed otherwise (or with `alg: none`) are refused. */
export const JWT_ALGORITHM = 'HS256' as const;
export const JWT_ISSUER = 'procurement-service';

export interface AccessClaims {
  sub: string;
  /** The user's tenant (issue 15): checked against the account on every request. */
  tid: string;
  typ: 'access';
  /** users.token_version when issued; a password change or deactivation bumps it. */
  ver: number;
}

export function signAccessToken(
  secret: string,
  ttlSeconds: number,
  user: { id: string; tenantId: string; tokenVersion: number },
): string {
  const claims: AccessClaims = { sub: user.id, tid: user.tenantId, typ: 'access', ver: user.tokenVersion };
  return jwt.sign(claims, secret, {
    algorithm: JWT_ALGORITHM,
    expiresIn: ttlSeconds,
    issuer: JWT_ISSUER,
    jwtid: randomUUID(),
  });
}

export const jwtVerifyOptions = { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER } satisfies jwt.VerifyOptions;

/** Verifies signature, algorithm, issuer and expiry; returns the claims or null. */
export function verifyAccessToken(secret: string, token: string): AccessClaims | null {
  try {
    const claims = jwt.verify(token, secret, jwtVerifyOptions);
    return isAccessClaims(claims) ? claims : null;
  } catch {
    return null;
  }
}

export function isAccessClaims(value: unknown): value is AccessClaims {
  const claims = value as Partial<AccessClaims> | null;
  return (
    typeof claims?.sub === 'string' &&
    typeof claims.tid === 'string' &&
    claims.typ === 'access' &&
    typeof claims.ver === 'number'
  );
}
