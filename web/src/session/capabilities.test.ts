import { capabilitiesOf, type Me } from './capabilities';
import { homeFor, navigationFor, safeNext } from '../app/navigation';

function person(roles: Array<[string | null, string]>, isAdmin = false): Me {
  return {
    id: 'u1',
    username: 'someone',
    email: 'someone@example.com',
    first_name: 'Some',
    last_name: 'One',
    is_active: true,
    is_admin: isAdmin,
    is_service_account: false,
    is_platform_admin: false,
    tenant: { id: 'tn1', name: 'Demo organisation', slug: 'demo' },
    last_login_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    access_scopes: roles.map(([team, code], index) => ({
      id: `s${index}`,
      role: { code, name: code },
      team: team ? { id: `t-${team}`, name: team } : null,
    })),
  };
}

describe('what a person sees', () => {
  it('a requestor sees their requests, the catalogue and stock: no inbox, no orders, no admin', () => {
    const can = capabilitiesOf(person([['Marketing', 'INITIATOR']]));
    expect(navigationFor(can).map((item) => item.label)).toEqual(['My requests', 'Catalogue', 'Stock']);
    expect(can.manageCatalogue).toBe(false);
    expect(can.requestTeams).toEqual([{ id: 't-Marketing', name: 'Marketing' }]);
  });

  it('a manager approves but raises nothing', () => {
    const can = capabilitiesOf(person([['Marketing', 'MANAGER']]));
    expect(navigationFor(can).map((item) => item.label)).toEqual(['Inbox']);
    expect(homeFor(can)).toBe('/inbox');
  });

  it('finance reviews, reads orders and the dashboard, but manages no order', () => {
    const can = capabilitiesOf(person([[null, 'FINANCE_REVIEWER']]));
    expect(navigationFor(can).map((item) => item.label)).toEqual([
      'Finance review',
      'Orders',
      'Catalogue',
      'Stock',
      'Dashboard',
    ]);
    expect(can.manageOrders).toBe(false);
    expect(can.manageCatalogue).toBe(false);
    expect(can.approve).toBe(false);
  });

  it('procurement manages orders and the catalogue, and sees no inbox', () => {
    const can = capabilitiesOf(person([[null, 'PROCUREMENT_OFFICER']]));
    expect(navigationFor(can).map((item) => item.label)).toEqual(['Orders', 'Catalogue', 'Stock']);
    expect(can.manageOrders).toBe(true);
    expect(can.manageCatalogue).toBe(true);
  });

  it('an admin sees the administration screens, their organisation’s included, and not the tenants', () => {
    const labels = navigationFor(capabilitiesOf(person([], true))).map((item) => item.label);
    expect(labels).toEqual(
      expect.arrayContaining(['People', 'Templates', 'Integrations', 'Audit', 'Dashboard', 'Organisation']),
    );
    expect(labels).not.toContain('My requests');
    expect(labels).not.toContain('Tenants');
  });

  it('the platform’s administrator also sees every tenant', () => {
    const labels = navigationFor(capabilitiesOf({ ...person([], true), is_platform_admin: true })).map(
      (item) => item.label,
    );
    expect(labels).toContain('Tenants');
  });
});

describe('safeNext', () => {
  it.each([
    ['/requests/42', '/requests/42'],
    ['/orders/7?tab=notes', '/orders/7?tab=notes'],
    ['//evil.example/', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['/api/prs/requests/', null],
    ['/sign-in', null],
    ['/register', null],
    [null, null],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
