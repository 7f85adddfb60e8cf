import type { Knex } from 'knex';
import { Tenant } from '../../../db/models/tenant.model';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { tenantKnex } from '../../../db/tenant-scope';
import { definedOnly } from '../../../lib/defined-only';
import type { Principal } from '../../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { defaultTenantSettings } from './tenants.presenter';

/**
 * Tenant administration (tenancy.md §4.1). The tenants table is shared (no row-level security): who
 * sees which tenant is decided here, once. A platform administrator sees and manages every tenant;
 * a tenant's administrator sees and edits only their own, and any other id is a 404.
 */
export interface TenantFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  is_active?: boolean;
}

export interface TenantChanges {
  name?: string;
  domain?: string | null;
  settings?: Partial<typeof defaultTenantSettings>;
  rate_limit_per_hour?: number | null;
  is_active?: boolean;
}

const orderColumns = { name: 'tenants.name', created_at: 'tenants.createdAt', slug: 'tenants.slug' };
/** What only the deployment's operators may change: the domain, the tenant-wide limit, reactivation. */
const PLATFORM_ONLY: Array<keyof TenantChanges> = ['domain', 'rate_limit_per_hour', 'is_active'];

export async function listTenants(pool: Knex, principal: Principal, query: TenantFilters): Promise<Page<Tenant>> {
  const builder = Tenant.query(pool);
  if (!principal.isPlatformAdmin) builder.where('tenants.id', principal.tenantId);
  if (query.is_active !== undefined) builder.where('tenants.isActive', query.is_active);
  if (query.search) {
    const like = containsPattern(query.search);
    builder.where((q) => {
      q.whereILike('tenants.name', like).orWhereILike('tenants.slug', like).orWhereILike('tenants.domain', like);
    });
  }
  applyOrdering(builder, query.ordering, orderColumns, 'name', 'tenants.id');
  return fetchPage(builder, query.page, query.page_size);
}

/** The tenant, if the caller may see it; 404 otherwise (as for an id that does not exist). */
export async function findVisibleTenant(pool: Knex, principal: Principal, id: string): Promise<Tenant> {
  if (!principal.isPlatformAdmin && id !== principal.tenantId) throw new NotFoundError();
  const tenant = await Tenant.query(pool).findById(id);
  if (!tenant) throw new NotFoundError();
  return tenant;
}

/** Decided before the body is read: another tenant is 404, a tenant administrator's own tenant is theirs to edit. */
export async function mayEditTenant(principal: Principal, id: string): Promise<void> {
  if (!principal.isPlatformAdmin && id !== principal.tenantId) throw new NotFoundError();
}

/** Deactivation is the platform's: a tenant's own administrator gets 403, another tenant 404. */
export async function mayDeactivateTenant(principal: Principal, id: string): Promise<void> {
  await mayEditTenant(principal, id);
  if (!principal.isPlatformAdmin) throw new ForbiddenError('Only a platform administrator can deactivate a tenant.');
}

/** PATCH changes what was sent; PUT (`replace`) sets name and settings, the settings not sent to their defaults. */
export async function updateTenant(
  pool: Knex,
  principal: Principal,
  id: string,
  changes: TenantChanges,
  replace = false,
): Promise<Tenant> {
  const tenant = await findVisibleTenant(pool, principal, id);
  const platformOnly = PLATFORM_ONLY.filter((field) => changes[field] !== undefined);
  if (platformOnly.length && !principal.isPlatformAdmin) {
    throw new ForbiddenError(`Only a platform administrator can change ${platformOnly.join(', ')}.`);
  }
  if (changes.is_active === false) {
    throw new ConflictError('Deactivate a tenant with DELETE: it also ends its sessions and its running work.');
  }
  const domain = changes.domain === undefined ? undefined : (changes.domain?.toLowerCase() ?? null);
  if (domain && (await Tenant.query(pool).whereRaw('lower(domain) = ?', [domain]).whereNot('id', id).first())) {
    throw new ConflictError('An organisation with this domain is already registered.');
  }
  const settings =
    changes.settings === undefined
      ? undefined
      : replace
        ? { ...defaultTenantSettings, ...changes.settings }
        : { ...defaultTenantSettings, ...(tenant.settings as object), ...changes.settings };
  return Tenant.query(pool).patchAndFetchById(id, {
    ...definedOnly({
      name: changes.name,
      domain,
      settings,
      rateLimitPerHour: changes.rate_limit_per_hour,
    }),
    ...(changes.is_active === true ? { isActive: true, deactivatedAt: null } : {}),
    updatedAt: new Date(),
  });
}

/**
 * DELETE: the tenant stops, its data stays. Sign-ins and every token are refused from now on (the
 * checks read the tenant's state), refresh and API tokens are revoked, and the caller starts the
 * offboarding workflow that cancels the tenant's running executions. Answers whether it changed.
 */
export async function deactivateTenant(pool: Knex, principal: Principal, id: string): Promise<boolean> {
  const tenant = await findVisibleTenant(pool, principal, id);
  if (id === principal.tenantId) throw new ConflictError('You cannot deactivate your own tenant.');
  if (!tenant.isActive) return false;
  await Tenant.query(pool).findById(id).patch({ isActive: false, deactivatedAt: new Date(), updatedAt: new Date() });
  await tenantKnex(pool, id).transaction(async (trx) => {
    await trx('refreshTokens')
      .whereNull('revokedAt')
      .update({ revokedAt: trx.fn.now(), revokedReason: 'tenant_deactivated' });
    await trx('apiTokens').whereNull('revokedAt').update({ revokedAt: trx.fn.now() });
  });
  return true;
}
