import { TabLinks } from '../../ui/TabLinks';

const TABS = [
  { to: '/catalogue', label: 'Products', section: '/catalogue/products' },
  { to: '/catalogue/vendors', label: 'Vendors', section: '/catalogue/vendors' },
  { to: '/catalogue/warehouses', label: 'Warehouses', section: '/catalogue/warehouses' },
];

/** The catalogue's screens as tabs. */
export function CatalogueNav() {
  return <TabLinks label="Catalogue" tabs={TABS} />;
}
