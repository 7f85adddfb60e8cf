import { z } from '../../http/zod';
import { timestamp, uuid } from '../../http/common.schemas';
import { iso } from '../../http/iso';
import { apiScopes } from '../../auth/scopes';

// What an API token looks like to an admin: never its secret (only the new token's answer has it).

export const tokenSchema = z
  .object({
    id: uuid,
    name: z.string(),
    prefix: z.string(),
    user: z.object({ id: uuid, username: z.string() }),
    scopes: z.array(z.enum(apiScopes)),
    rate_limit_per_hour: z.number().int().nullable(),
    created_at: timestamp,
    expires_at: timestamp.nullable(),
    last_used_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
  })
  .openapi('ApiToken');

export const exampleToken = {
  id: '2b3c4d5e-0000-4f6a-8b7c-8d9e0f1a2b3c',
  name: 'ERP integration',
  prefix: 'k3v9x2qa',
  user: { id: '0d1e2f3a-0000-4b5c-8d6e-7f8a9b0c1d2e', username: 'admin' },
  scopes: ['requests:read' as const, 'orders:read' as const],
  rate_limit_per_hour: 5000,
  created_at: '2026-01-10T09:00:00.000Z',
  expires_at: '2027-01-10T09:00:00.000Z',
  last_used_at: null,
  revoked_at: null,
};

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  scopes: Array<(typeof apiScopes)[number]>;
  rateLimitPerHour: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const presentToken = (row: TokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  user: { id: row.userId, username: row.username },
  scopes: row.scopes,
  rate_limit_per_hour: row.rateLimitPerHour,
  created_at: iso(row.createdAt) as string,
  expires_at: iso(row.expiresAt),
  last_used_at: iso(row.lastUsedAt),
  revoked_at: iso(row.revokedAt),
});
