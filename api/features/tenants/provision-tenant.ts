import type { Knex } from 'knex';
import { Tenant } from '../../../db/models/tenant.model';
import { User } from '../../../db/models';
import { appendAudit, callColumns } from '../../../db/repositories/audit.repository';
import { saveFormTemplate, saveWorkflowTemplate } from '../../../db/repositories/templates.repository';
import { starterFormTemplate, starterWorkflowTemplate } from '../../../db/starter-templates';
import { setTenant } from '../../../db/tenant-scope';
import type { CallContext } from '../../../contracts/call-context';
import { ConflictError, ValidationError } from '../../http/errors';
import { loginInUse } from '../../../db/repositories/tenant-lookups.repository';
import { createUser } from '../identity/users';
import { defaultTenantSettings } from './tenants.presenter';

/** The team every new organisation starts with; its first administrator may request, approve and review there. */
export const DEFAULT_TEAM = 'General';
const FIRST_ADMIN_ROLES = ['INITIATOR', 'MANAGER', 'FINANCE_REVIEWER'];

export interface NewTenant {
  name: string;
  domain?: string | null;
  rateLimitPerHour?: number | null;
  admin: { email: string; password: string; firstName?: string; lastName?: string };
}

/**
 * Creates an organisation ready to work in, in one transaction (tenancy.md §4.1): the tenant (a slug
 * from its name, unique), its first administrator (signing in with the e-mail address), the default
 * team with that administrator's scopes, the starter form and approval templates, and the audit row
 * in the new tenant's own chain. A taken domain is a 409; a weak password or a taken address a 400.
 */
export async function provisionTenant(
  pool: Knex,
  input: NewTenant,
  audit: { action: string; actorUserId: string | null; call: CallContext },
): Promise<{ tenant: Tenant; admin: User }> {
  const domain = input.domain ? input.domain.toLowerCase() : null;
  return pool.transaction(async (trx) => {
    // The address is also the username: one answer for either being taken, on the field people typed.
    if (await loginInUse(trx, input.admin.email)) {
      throw ValidationError.field('email', 'An account with this e-mail address already exists.');
    }
    if (domain && (await Tenant.query(trx).whereRaw('lower(domain) = ?', [domain]).first())) {
      throw new ConflictError('An organisation with this domain is already registered.');
    }
    const tenant = await Tenant.query(trx).insertAndFetch({
      name: input.name,
      domain,
      slug: await freeSlug(trx, input.name),
      settings: defaultTenantSettings,
      rateLimitPerHour: input.rateLimitPerHour ?? null,
    });
    // From here on the rows are the new tenant's (their tenant_id comes from the setting).
    await setTenant(trx, tenant.id);
    const admin = await createUser(trx, tenant.id, {
      username: input.admin.email.toLowerCase(),
      email: input.admin.email,
      password: input.admin.password,
      first_name: input.admin.firstName,
      last_name: input.admin.lastName,
      is_admin: true,
    });
    const [team] = await trx('teams')
      .insert({ name: DEFAULT_TEAM, description: 'Everyone, until the organisation makes its own teams' })
      .returning('id');
    await trx('accessScopes').insert(
      FIRST_ADMIN_ROLES.map((roleCode) => ({ userId: admin.id, teamId: team.id, roleCode })),
    );
    await saveFormTemplate(trx, { ...starterFormTemplate, createdBy: admin.id });
    await saveWorkflowTemplate(trx, { ...starterWorkflowTemplate, createdBy: admin.id });
    await appendAudit(trx, {
      actorUserId: audit.actorUserId ?? admin.id,
      action: audit.action,
      resourceType: 'tenant',
      resourceId: tenant.id,
      newValues: { name: tenant.name, slug: tenant.slug, domain: tenant.domain, admin: admin.username },
      ...callColumns(audit.call),
    });
    return { tenant, admin };
  });
}

/** `Acme Corporation` → `acme-corporation`, then `acme-corporation-2`, … while taken. */
async function freeSlug(trx: Knex.Transaction, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'organisation';
  const taken = new Set(
    (
      (await Tenant.query(trx)
        .whereRaw('lower(slug) LIKE ?', [`${base}%`])
        .select('slug')) as Tenant[]
    ).map((tenant) => tenant.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
