import argon2 from 'argon2';

// OWASP-recommended argon2id parameters (19 MiB, 2 passes): strong, yet cheap enough for login bursts.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, options);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** A real hash of a throwaway secret, verified for unknown users so both paths cost the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-valid');
  return decoyHash;
}

const commonPasswords = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  'iloveyou',
  'letmein123',
  'welcome123',
  'admin123',
  'changeme',
  'abc12345',
  'demo-pass-123',
]);

/** Returns the reasons a new password is too weak; an empty list means it is acceptable. */
export function passwordWeaknesses(password: string, personal: string[] = []): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('Password must be at least 10 characters long.');
  if (password.length > 128) problems.push('Password must be at most 128 characters long.');
  if (commonPasswords.has(password.toLowerCase())) problems.push('Password is too common.');
  if (/^\d+$/.test(password)) problems.push('Password cannot be entirely numeric.');
  if (new Set(password).size < 5) problems.push('Password must use at least 5 different characters.');
  const lowered = password.toLowerCase();
  if (personal.some((value) => value.length >= 3 && lowered.includes(value.toLowerCase()))) {
    problems.push('Password is too similar to your username or e-mail address.');
  }
  return problems;
}
