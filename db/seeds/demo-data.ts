import type { Knex } from 'knex';
import { hashPassword } from '../../api/auth/passwords';

export const DEMO_PASSWORD = 'demo-pass-123';

type ScopeSpec = [team: string | null, role: string];
export const demoUsers: Array<{ username: string; firstName: string; lastName: string; isAdmin?: boolean; scopes: ScopeSpec[] }> = [
  { username: 'admin', firstName: 'Ada', lastName: 'Admin', isAdmin: true, scopes: [] },
  { username: 'alice', firstName: 'Alice', lastName: 'Anderson', scopes: [['Marketing', 'INITIATOR']] },
  { username: 'bob', firstName: 'Bob', lastName: 'Brown', scopes: [['Marketing', 'MANAGER']] },
  { username: 'mallory', firstName: 'Mallory', lastName: 'Miller', scopes: [['Marketing', 'MANAGER']] },
  { username: 'carol', firstName: 'Carol', lastName: 'Clark', scopes: [['Marketing', 'DIRECTOR']] },
  { username: 'erin', firstName: 'Erin', lastName: 'Evans', scopes: [['Engineering', 'INITIATOR'], ['Engineering', 'MANAGER']] },
  { username: 'frank', firstName: 'Frank', lastName: 'Fischer', scopes: [[null, 'FINANCE_REVIEWER']] },
  { username: 'paula', firstName: 'Paula', lastName: 'Perez', scopes: [[null, 'PROCUREMENT_OFFICER']] },
];

export const demoTeams = [
  { name: 'Marketing', description: 'Campaigns, events and brand' },
  { name: 'Engineering', description: 'Product development and infrastructure' },
];

/** Inserts the demo teams, users and scopes of shared/spec/runtime.md; running it twice changes nothing. */
export async function seedDemoData(knex: Knex, env: string): Promise<{ created: number }> {
  if (env === 'production') throw new Error('Refusing to load demo data when NODE_ENV=production');
  return knex.transaction(async (trx) => {
    await trx('teams').insert(demoTeams).onConflict(trx.raw('(lower(name))')).ignore();
    const teams: Array<{ id: string; name: string }> = await trx('teams').whereIn('name', demoTeams.map((t) => t.name));
    const teamId = new Map(teams.map((team) => [team.name, team.id]));
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let created = 0;
    for (const user of demoUsers) {
      const [row] = await trx('users')
        .insert({
          username: user.username,
          email: `${user.username}@example.com`,
          firstName: user.firstName,
          lastName: user.lastName,
          isAdmin: user.isAdmin ?? false,
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
    return { created };
  });
}
