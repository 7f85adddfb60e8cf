import { Link, useLocation } from 'react-router';

const BASE = '/admin/integrations';
const TABS = [
  { to: BASE, label: 'Webhook endpoints', section: `${BASE}/endpoints` },
  { to: `${BASE}/deliveries`, label: 'Deliveries', section: `${BASE}/deliveries` },
  { to: `${BASE}/inbound`, label: 'Inbound', section: `${BASE}/inbound` },
  { to: `${BASE}/health`, label: 'Health', section: `${BASE}/health` },
  { to: `${BASE}/tokens`, label: 'API tokens', section: `${BASE}/tokens` },
];

/** The integrations screens as tabs that are links: each has its own URL, Back works, and the
 * current one says so to screen readers (aria-current), not only by its look. */
export function IntegrationsNav() {
  const { pathname } = useLocation();
  const path = pathname.replace(/\/+$/, '');
  return (
    <nav aria-label="Integrations" className="integration-tabs">
      <ul>
        {TABS.map((tab) => {
          const current = path === tab.to ? 'page' : path.startsWith(`${tab.section}/`) ? 'true' : undefined;
          return (
            <li key={tab.to}>
              <Link to={tab.to} aria-current={current}>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
