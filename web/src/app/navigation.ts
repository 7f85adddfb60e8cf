import type { Capabilities } from '../session/capabilities';

export interface NavItem {
  to: string;
  label: string;
}

/** The navigation a person sees: only what their scopes let them do (the API checks again). */
export function navigationFor(can: Capabilities): NavItem[] {
  const items: Array<[boolean, NavItem]> = [
    [can.request, { to: '/requests', label: 'My requests' }],
    [can.approve, { to: '/inbox', label: 'Inbox' }],
    [can.financeReview, { to: '/finance', label: 'Finance review' }],
    [can.readOrders, { to: '/orders', label: 'Orders' }],
    [can.request || can.readOrders || can.admin, { to: '/catalogue', label: 'Catalogue' }],
    [can.request || can.readOrders || can.admin, { to: '/inventory', label: 'Stock' }],
    [can.dashboard, { to: '/dashboard', label: 'Dashboard' }],
    [can.admin, { to: '/admin/people', label: 'People' }],
    [can.admin, { to: '/admin/templates', label: 'Templates' }],
    [can.admin, { to: '/admin/integrations', label: 'Integrations' }],
    [can.admin, { to: '/admin/audit', label: 'Audit' }],
    [can.admin, { to: '/admin/organisation', label: 'Organisation' }],
    [can.platformAdmin, { to: '/admin/tenants', label: 'Tenants' }],
  ];
  return items.filter(([allowed]) => allowed).map(([, item]) => item);
}

/** Where a person lands after signing in without a deep link. */
export function homeFor(can: Capabilities): string {
  return navigationFor(can)[0]?.to ?? '/profile';
}

/** A `next` parameter is followed only to a path of this app, never to another origin. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/api/') || next === '/sign-in' || next.startsWith('/sign-in?') || next === '/register')
    return null;
  return next;
}
