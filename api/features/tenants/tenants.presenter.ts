import { z } from '../../http/zod';
import { timestamp, uuid } from '../../http/common.schemas';
import { iso } from '../../http/iso';
import type { Tenant } from '../../../db/models/tenant.model';

// What a tenant looks like in answers.

/** What an organisation works in; a tenant that never chose gets these. */
export const defaultTenantSettings = { timezone: 'UTC', language: 'en', currency: 'USD' };

export const tenantSettingsSchema = z
  .object({
    timezone: z.string().describe('IANA time zone, for dates shown to people'),
    language: z.string().describe('Language of e-mails and screens (ISO 639-1)'),
    currency: z.string().describe('ISO 4217 currency the organisation thinks in'),
  })
  .openapi('TenantSettings');

export const tenantSchema = z
  .object({
    id: uuid,
    name: z.string(),
    slug: z.string().describe('Unique, lower-case; derived from the name'),
    domain: z.string().nullable().describe('The organisation’s own domain, unique; none for a personal tenant'),
    settings: tenantSettingsSchema,
    rate_limit_per_hour: z
      .number()
      .int()
      .nullable()
      .describe('Calls per hour for the whole tenant (null: the deployment’s default)'),
    is_active: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    deactivated_at: timestamp.nullable(),
  })
  .openapi('Tenant');

export const exampleTenant = {
  id: '5b1f7c1e-2a4d-4c7e-9f0a-3d2b1c4e5f60',
  name: 'Acme Corporation',
  slug: 'acme-corporation',
  domain: 'acme.example',
  settings: defaultTenantSettings,
  rate_limit_per_hour: null,
  is_active: true,
  created_at: '2026-01-01T09:00:00.000Z',
  updated_at: '2026-01-01T09:00:00.000Z',
  deactivated_at: null,
};

export function presentTenant(tenant: Tenant) {
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    domain: tenant.domain ?? null,
    settings: { ...defaultTenantSettings, ...(tenant.settings as Partial<typeof defaultTenantSettings>) },
    rate_limit_per_hour: tenant.rateLimitPerHour ?? null,
    is_active: tenant.isActive,
    created_at: iso(tenant.createdAt) as string,
    updated_at: iso(tenant.updatedAt) as string,
    deactivated_at: iso(tenant.deactivatedAt) ?? null,
  };
}
