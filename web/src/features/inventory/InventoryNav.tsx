import { TabLinks } from '../../ui/TabLinks';

const TABS = [
  { to: '/inventory', label: 'Stock levels', section: '/inventory/levels' },
  { to: '/inventory/movements', label: 'Movements', section: '/inventory/movements' },
];

/** The stock screens as tabs. */
export function InventoryNav() {
  return <TabLinks label="Stock" tabs={TABS} />;
}
