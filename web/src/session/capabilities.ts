import type { components } from '../api/schema';

export type Me = components['schemas']['Me'];

/** What a person may do, read off their access scopes; the API decides again on every call. */
export interface Capabilities {
  /** Holds INITIATOR for at least one team: my requests, new request. */
  request: boolean;
  /** Teams the person may raise requests for. */
  requestTeams: Array<{ id: string; name: string }>;
  /** Holds a role that approval steps name (anything but the initiator, finance and procurement roles). */
  approve: boolean;
  financeReview: boolean;
  /** Sees orders: procurement officers, finance reviewers and admins. */
  readOrders: boolean;
  manageOrders: boolean;
  /** Changes products, vendors and warehouses: procurement officers and admins (everyone reads them). */
  manageCatalogue: boolean;
  dashboard: boolean;
  admin: boolean;
  /** Operates the deployment: every tenant at /admin/tenants. */
  platformAdmin: boolean;
}

const NON_APPROVING = new Set(['INITIATOR', 'FINANCE_REVIEWER', 'PROCUREMENT_OFFICER']);

export function capabilitiesOf(me: Me): Capabilities {
  const roles = me.access_scopes.map((scope) => scope.role.code);
  const has = (code: string) => roles.includes(code);
  const admin = me.is_admin;
  const requestTeams = me.access_scopes
    .filter((scope) => scope.role.code === 'INITIATOR' && scope.team)
    .map((scope) => scope.team as { id: string; name: string });
  return {
    request: requestTeams.length > 0,
    requestTeams,
    approve: admin || roles.some((code) => !NON_APPROVING.has(code)),
    financeReview: admin || has('FINANCE_REVIEWER'),
    readOrders: admin || has('PROCUREMENT_OFFICER') || has('FINANCE_REVIEWER'),
    manageOrders: admin || has('PROCUREMENT_OFFICER'),
    manageCatalogue: admin || has('PROCUREMENT_OFFICER'),
    dashboard: admin || has('FINANCE_REVIEWER'),
    admin,
    platformAdmin: me.is_platform_admin,
  };
}
