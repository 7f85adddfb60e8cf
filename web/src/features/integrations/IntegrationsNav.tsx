import { TabLinks } from '../../ui/TabLinks';

const BASE = '/admin/integrations';
const TABS = [
  { to: BASE, label: 'Webhook endpoints', section: `${BASE}/endpoints` },
  { to: `${BASE}/deliveries`, label: 'Deliveries', section: `${BASE}/deliveries` },
  { to: `${BASE}/inbound`, label: 'Inbound', section: `${BASE}/inbound` },
  { to: `${BASE}/health`, label: 'Health', section: `${BASE}/health` },
  { to: `${BASE}/tokens`, label: 'API tokens', section: `${BASE}/tokens` },
];

/** The integrations screens as tabs. */
export function IntegrationsNav() {
  return <TabLinks label="Integrations" tabs={TABS} />;
}
