import { useMe } from '../../session/session';
import { TabLinks } from '../../ui/TabLinks';

const TABS = [
  { to: '/inventory', label: 'Stock levels', section: '/inventory/levels' },
  { to: '/inventory/alerts', label: 'Low-stock alerts', section: '/inventory/alerts' },
  { to: '/inventory/movements', label: 'Movements', section: '/inventory/movements' },
];
const SALES = { to: '/inventory/sales', label: 'Sales', section: '/inventory/sales' };

/** The stock screens as tabs; sales (which name customers) for procurement and admins only. */
export function InventoryNav() {
  const { can } = useMe();
  return <TabLinks label="Stock" tabs={can.manageCatalogue ? [...TABS, SALES] : TABS} />;
}
