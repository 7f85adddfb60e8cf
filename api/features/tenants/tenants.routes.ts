import { z } from '../../http/zod';
import { booleanQuery, idParams, requiredText } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, paginated, presentPage } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { sessionOf } from '../../auth/refresh-tokens';
import { email, exampleMe, meSchema, password, personName } from '../identity/identity.schemas';
import { presentMe } from '../identity/identity.presenter';
import { exampleTenant, presentTenant, tenantSchema } from './tenants.presenter';
import { register, reserveRegistration } from './registration';
import {
  deactivateTenant,
  findVisibleTenant,
  listTenants,
  mayDeactivateTenant,
  mayEditTenant,
  updateTenant,
} from './tenants';
import { provisionTenant } from './provision-tenant';
import { ForbiddenError } from '../../http/errors';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Enter a domain such as acme.example.')
  .openapi({ example: 'acme.example' });
const tenantName = requiredText(200);
const settings = z
  .strictObject({
    timezone: z
      .string()
      .max(64)
      .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'Not an IANA time zone.'),
    language: z.string().regex(/^[a-z]{2}$/, 'Use an ISO 639-1 code such as en.'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code such as EUR.'),
  })
  .partial();
const rateLimit = z.number().int().min(1).max(10_000_000).nullable();
const tokensWithUser = z.object({ access: z.string(), refresh: z.string(), user: meSchema }).openapi('Registration');

export function tenantRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Tenants'];
  return [
    defineRoute({
      method: 'post',
      path: '/auth/register/',
      operationId: 'register',
      summary: 'Register: create an organisation and its first administrator',
      description:
        'Creates, in one transaction, the tenant (with `tenant_name`, and `tenant_domain` when the organisation has one; without them a personal tenant named after you), you as its administrator signing in with your e-mail address, a "General" team where you may request, approve and review, and the starter form and approval templates; answers with tokens, as a sign-in does. ' +
        `At most ${deps.config.auth.registrationsPerHour} registrations per hour from one address (429 with Retry-After). A weak password or a used address is a 400, a registered domain a 409.`,
      tags: ['Authentication'],
      auth: 'public',
      authorize: ({ ctx, db }) => reserveRegistration(db, deps.config, ctx.ip),
      body: z.strictObject({
        email,
        password,
        password_confirm: password,
        first_name: personName.optional(),
        last_name: personName.optional(),
        tenant_name: tenantName.optional(),
        tenant_domain: domain.optional(),
      }),
      bodyExample: {
        email: 'ines@acme.example',
        password: 'a-long-and-unusual-passphrase',
        password_confirm: 'a-long-and-unusual-passphrase',
        first_name: 'Ines',
        last_name: 'Ibarra',
        tenant_name: 'Acme Corporation',
        tenant_domain: 'acme.example',
      },
      errors: [409],
      responses: {
        201: {
          description: 'The organisation exists; you are signed in as its administrator',
          schema: tokensWithUser,
          example: { access: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...', refresh: 'rt_Xq3v9c8...', user: exampleMe },
        },
      },
      handler: async ({ body, ctx, db, call }) => {
        const result = await register({ knex: db, config: deps.config }, body, sessionOf(ctx), call);
        return { status: 201, body: { access: result.access, refresh: result.refresh, user: presentMe(result.user) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/tenants/',
      operationId: 'listTenants',
      scope: 'admin',
      summary: 'List tenants',
      description: 'A platform administrator sees every tenant; a tenant’s administrator sees their own.',
      tags,
      auth: 'admin',
      query: listQuery(['name', 'slug', 'created_at'], { is_active: booleanQuery }),
      responses: {
        200: {
          description: 'A page of tenants',
          schema: paginated(tenantSchema),
          example: { count: 1, next: null, previous: null, results: [exampleTenant] },
        },
      },
      handler: async ({ query, ctx, principal, db }) => ({
        body: presentPage(
          ctx,
          deps.config.publicBaseUrl,
          await listTenants(db, principal, query),
          query,
          presentTenant,
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/tenants/',
      operationId: 'createTenant',
      scope: 'admin',
      summary: 'Create a tenant with its first administrator (platform administrators)',
      description:
        'The same organisation registration creates, for someone else: the administrator signs in with `admin.email` and the password given here, and should change it.',
      tags,
      auth: 'admin',
      authorize: async ({ principal }) => {
        if (!principal.isPlatformAdmin) throw new ForbiddenError('Only a platform administrator can create tenants.');
      },
      body: z.strictObject({
        name: tenantName,
        domain: domain.nullable().optional(),
        rate_limit_per_hour: rateLimit.optional(),
        admin: z.strictObject({
          email,
          password,
          first_name: personName.optional(),
          last_name: personName.optional(),
        }),
      }),
      bodyExample: {
        name: 'Globex',
        domain: 'globex.example',
        admin: { email: 'hank@globex.example', password: 'change-me-at-first-sign-in', first_name: 'Hank' },
      },
      errors: [409],
      responses: { 201: { description: 'Created', schema: tenantSchema, example: exampleTenant } },
      handler: async ({ body, principal, db, call }) => {
        const { tenant } = await provisionTenant(
          db,
          {
            name: body.name,
            domain: body.domain,
            rateLimitPerHour: body.rate_limit_per_hour,
            admin: {
              email: body.admin.email,
              password: body.admin.password,
              firstName: body.admin.first_name,
              lastName: body.admin.last_name,
            },
          },
          { action: 'tenant.create', actorUserId: principal.userId, call },
        );
        return { status: 201, body: presentTenant(tenant) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/tenants/{id}/',
      operationId: 'getTenant',
      scope: 'admin',
      summary: 'A tenant',
      tags,
      auth: 'admin',
      params: idParams,
      authorize: ({ params, principal }) => mayEditTenant(principal, params.id),
      responses: { 200: { description: 'The tenant', schema: tenantSchema, example: exampleTenant } },
      handler: async ({ params, principal, db }) => ({
        body: presentTenant(await findVisibleTenant(db, principal, params.id)),
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/tenants/{id}/',
      operationId: 'replaceTenant',
      scope: 'admin',
      summary: 'Replace a tenant’s name and settings',
      description: 'Settings not sent return to their defaults (UTC, en, USD).',
      tags,
      auth: 'admin',
      params: idParams,
      authorize: ({ params, principal }) => mayEditTenant(principal, params.id),
      body: z.strictObject({ name: tenantName, settings }),
      bodyExample: {
        name: 'Acme Corporation',
        settings: { timezone: 'Europe/Berlin', language: 'de', currency: 'EUR' },
      },
      responses: { 200: { description: 'The tenant', schema: tenantSchema, example: exampleTenant } },
      handler: async ({ params, body, principal, db }) => ({
        body: presentTenant(await updateTenant(db, principal, params.id, body, true)),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/tenants/{id}/',
      operationId: 'updateTenant',
      scope: 'admin',
      summary: 'Change a tenant',
      description:
        'A tenant’s administrator changes the name and settings; the domain, the tenant-wide hourly limit and reactivation (`is_active: true`) are a platform administrator’s (403 otherwise). Deactivate with DELETE.',
      tags,
      auth: 'admin',
      params: idParams,
      authorize: ({ params, principal }) => mayEditTenant(principal, params.id),
      body: z.strictObject({
        name: tenantName.optional(),
        domain: domain.nullable().optional(),
        settings: settings.optional(),
        rate_limit_per_hour: rateLimit.optional(),
        is_active: z.boolean().optional(),
      }),
      bodyExample: { settings: { timezone: 'Europe/Berlin' } },
      errors: [409],
      responses: { 200: { description: 'The tenant', schema: tenantSchema, example: exampleTenant } },
      handler: async ({ params, body, principal, db }) => ({
        body: presentTenant(await updateTenant(db, principal, params.id, body)),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/tenants/{id}/',
      operationId: 'deactivateTenant',
      scope: 'admin',
      summary: 'Deactivate a tenant (platform administrators)',
      description:
        'Nothing is deleted: its people can no longer sign in, every session and API token ends, and a workflow (`tenant-offboard-{id}`) cancels its running executions. Other tenants are not touched. PATCH `is_active: true` reactivates it (people sign in again; revoked tokens stay revoked).',
      tags,
      auth: 'admin',
      params: idParams,
      authorize: ({ params, principal }) => mayDeactivateTenant(principal, params.id),
      errors: [409],
      responses: { 204: { description: 'Deactivated' } },
      handler: async ({ params, principal, db }) => {
        await deactivateTenant(db, principal, params.id);
        await deps.temporal.offboardTenant(params.id);
        return { status: 204 };
      },
    }),
  ];
}
