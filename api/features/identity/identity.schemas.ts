import { z } from '../../http/zod';
import { requiredText, text, timestamp, uuid } from '../../http/common.schemas';

export const roleSchema = z.object({ code: z.string(), name: z.string(), description: z.string() }).openapi('Role');

export const accessScopeSchema = z
  .object({
    id: uuid,
    team: z.object({ id: uuid, name: z.string() }).nullable().describe('null means every team'),
    role: z.object({ code: z.string(), name: z.string() }),
  })
  .openapi('AccessScope');

export const userSchema = z
  .object({
    id: uuid,
    username: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    is_active: z.boolean(),
    is_admin: z.boolean(),
    is_service_account: z
      .boolean()
      .describe('An integration’s identity: cannot sign in, holds only INITIATOR, acts through API tokens'),
    last_login_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('User');

export const tenantSummarySchema = z
  .object({ id: z.string().uuid(), name: z.string(), slug: z.string() })
  .describe('The organisation the user belongs to')
  .openapi('TenantSummary');

export const meSchema = userSchema
  .extend({
    tenant: tenantSummarySchema,
    is_platform_admin: z.boolean().describe('An operator of the deployment (sees every tenant)'),
    access_scopes: z.array(accessScopeSchema),
    pending_email: z
      .string()
      .nullable()
      .optional()
      .describe('A new address waiting for its confirmation (GET and PATCH /api/me/)'),
  })
  .openapi('Me');

export const username = requiredText(150)
  .pipe(z.string().regex(/^[\w.@+-]+$/, 'Use letters, digits and @ . + - _ only.'))
  .openapi({ pattern: '^[\\w.@+-]+$', minLength: 1 });
export const email = text(254).pipe(z.string().email('Enter a valid e-mail address.')).openapi({ format: 'email' });
export const password = z.string().min(1, 'This field may not be blank.').max(128);
/** A sign-in: the username (or the e-mail address) and the password (JSON and browser sessions alike). */
export const credentials = z.strictObject({ username: z.string().trim().min(1).max(254), password });
export const personName = text(150);
export const roleCode = requiredText(64)
  .pipe(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'Use upper-case letters, digits and _.'))
  .openapi({ pattern: '^[A-Z][A-Z0-9_]*$', example: 'MANAGER' });

export const exampleUser = {
  id: '3f0e8c2a-8a55-4a59-9d0c-1f1f4d6f2b11',
  username: 'alice',
  email: 'alice@example.com',
  first_name: 'Alice',
  last_name: 'Anderson',
  is_active: true,
  is_admin: false,
  is_service_account: false,
  last_login_at: '2026-01-15T10:30:00.000Z',
  created_at: '2026-01-01T09:00:00.000Z',
  updated_at: '2026-01-15T10:30:00.000Z',
};
export const exampleScope = {
  id: '0b7b5c1e-3d0f-4e4a-8c55-5a1d2f9e7a01',
  team: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Marketing' },
  role: { code: 'INITIATOR', name: 'Initiator' },
};
/** The signed-in user as /me/ and the sign-in answers show them. */
export const exampleMe = {
  ...exampleUser,
  tenant: { id: '5d1c0a8e-2b8e-4c7e-9a51-0f3c2d9b6e10', name: 'Demo organisation', slug: 'demo' },
  is_platform_admin: false,
  access_scopes: [exampleScope],
};
