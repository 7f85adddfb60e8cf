import { TabLinks } from '../../ui/TabLinks';

const TABS = [
  { to: '/inventory', label: 'Stock levels', section: '/inventory/levels' },
  { to: '/inventory/alerts', label: 'Low-stock alerts', section: '/inventory/alerts' },
  { to: '/inventory/movements', label: 'Movements', section: '/inventory/movements' },
];

/** The stock screens as tabs. */
export function InventoryNav() {
  return <TabLinks label="Stock" tabs={TABS} />;
}
