import type { Knex } from 'knex';
import { setTenant } from '../tenant-scope';
import { hashPassword } from '../../lib/passwords';
import { saveFormTemplate, saveWorkflowTemplate } from '../repositories/templates.repository';
import { starterFormTemplate, starterWorkflowTemplate } from '../starter-templates';
import { seedCatalogue } from './demo-catalogue';

export const DEMO_PASSWORD = 'demo-pass-123';

type ScopeSpec = [team: string | null, role: string];
export const demoUsers: Array<{
  username: string;
  firstName: string;
  lastName: string;
  isAdmin?: boolean;
  scopes: ScopeSpec[];
}> = [
  { username: 'admin', firstName: 'Ada', lastName: 'Admin', isAdmin: true, scopes: [] },
  { username: 'alice', firstName: 'Alice', lastName: 'Anderson', scopes: [['Marketing', 'INITIATOR']] },
  { username: 'bob', firstName: 'Bob', lastName: 'Brown', scopes: [['Marketing', 'MANAGER']] },
  { username: 'mallory', firstName: 'Mallory', lastName: 'Miller', scopes: [['Marketing', 'MANAGER']] },
  { username: 'carol', firstName: 'Carol', lastName: 'Clark', scopes: [['Marketing', 'DIRECTOR']] },
  {
    username: 'erin',
    firstName: 'Erin',
    lastName: 'Evans',
    scopes: [
      ['Engineering', 'INITIATOR'],
      ['Engineering', 'MANAGER'],
    ],
  },
  { username: 'frank', firstName: 'Frank', lastName: 'Fischer', scopes: [[null, 'FINANCE_REVIEWER']] },
  { username: 'paula', firstName: 'Paula', lastName: 'Perez', scopes: [[null, 'PROCUREMENT_OFFICER']] },
];

export const demoTeams = [
  { name: 'Marketing', description: 'Campaigns, events and brand' },
  { name: 'Engineering', description: 'Product development and infrastructure' },
];

/** The organisation the demo people belong to (issue 15: a second one will show isolation by hand). */
export const demoTenant = { name: 'Demo organisation', domain: 'example.com', slug: 'demo' };

/**
 * A second organisation with the same teams, templates and shape of people (issue 15): isolation can
 * be seen by hand. Its people sign in as `nw-alice`, `nw-bob`, … with the same password; its
 * administrator, `nw-admin`, administers Northwind only.
 */
export const secondDemoTenant = { name: 'Northwind Traders', domain: 'northwind.example', slug: 'northwind' };
export const SECOND_TENANT_USERNAME_PREFIX = 'nw-';

const demoTenants = [
  { tenant: demoTenant, usernamePrefix: '', emailDomain: 'example.com', platformAdmin: true },
  {
    tenant: secondDemoTenant,
    usernamePrefix: SECOND_TENANT_USERNAME_PREFIX,
    emailDomain: 'northwind.example',
    platformAdmin: false,
  },
];

/**
 * Inserts the demo tenants with the teams, users, scopes and templates of shared/spec/runtime.md;
 * running it twice changes nothing. Loads both demo organisations (what exists already is kept); answers the users made and the first one's id. */
export async function seedDemoData(
  knex: Knex,
  env: string,
  options: { secondTenant?: boolean } = {},
): Promise<{ created: number; tenantId: string }> {
  if (env === 'production') throw new Error('Refusing to load demo data when NODE_ENV=production');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  const ids: string[] = [];
  for (const demo of options.secondTenant === false ? demoTenants.slice(0, 1) : demoTenants) {
    const seeded = await seedTenant(knex, demo, passwordHash);
    created += seeded.created;
    ids.push(seeded.tenantId);
  }
  return { created, tenantId: ids[0] as string };
}

async function seedTenant(
  knex: Knex,
  demo: (typeof demoTenants)[number],
  passwordHash: string,
): Promise<{ created: number; tenantId: string }> {
  return knex.transaction(async (trx) => {
    await trx('tenants').insert(demo.tenant).onConflict(trx.raw('(lower(slug))')).ignore();
    const tenant: { id: string } = await trx('tenants').whereRaw('lower(slug) = ?', [demo.tenant.slug]).first('id');
    // Everything else is the tenant's: its rows take their tenant_id from the setting (decision 0036).
    await setTenant(trx, tenant.id);
    await trx('teams').insert(demoTeams).onConflict(trx.raw('(tenant_id, lower(name))')).ignore();
    // The seed runs as the schema's owner, who may bypass row-level security: name the tenant anyway.
    const teams: Array<{ id: string; name: string }> = await trx('teams')
      .where({ tenantId: tenant.id })
      .whereIn(
        'name',
        demoTeams.map((t) => t.name),
      );
    const teamId = new Map(teams.map((team) => [team.name, team.id]));
    let created = 0;
    for (const user of demoUsers) {
      const [row] = await trx('users')
        .insert({
          tenantId: tenant.id,
          username: `${demo.usernamePrefix}${user.username}`,
          email: `${user.username}@${demo.emailDomain}`,
          firstName: user.firstName,
          lastName: user.lastName,
          isAdmin: user.isAdmin ?? false,
          // The first demo's administrator runs the deployment too: it lists every tenant.
          isPlatformAdmin: demo.platformAdmin && (user.isAdmin ?? false),
          passwordHash,
        })
        .onConflict(trx.raw('(lower(username))'))
        .ignore()
        .returning('id');
      if (!row) continue;
      created += 1;
      for (const [team, role] of user.scopes) {
        await trx('accessScopes').insert({ userId: row.id, teamId: team ? teamId.get(team) : null, roleCode: role });
      }
    }
    if (!(await trx('formTemplates').where({ tenantId: tenant.id, name: starterFormTemplate.name }).first()))
      await saveFormTemplate(trx, starterFormTemplate);
    if (!(await trx('workflowTemplates').where({ tenantId: tenant.id, name: starterWorkflowTemplate.name }).first()))
      await saveWorkflowTemplate(trx, starterWorkflowTemplate);
    await seedCatalogue(trx, tenant.id);
    return { created, tenantId: tenant.id };
  });
}
