import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorNote, ScrollTable } from '../../ui/components';
import { formatMoney } from '../../ui/format';
import { inventoryKeys } from './inventory-queries';

const values = (value: Record<string, string>) =>
  Object.entries(value)
    .map(([currency, amount]) => formatMoney(amount, currency))
    .join(' + ') || '—';

/** Seed 001's inventory levels: per open warehouse, how many levels, how many low or empty, what it is worth. */
export function StockSummary() {
  const levels = useQuery({
    queryKey: [...inventoryKeys.all, 'summary'],
    queryFn: async () => unwrap(await api.GET('/api/dashboard/inventory-levels/')),
  });
  if (levels.error) return <ErrorNote error={levels.error} />;
  if (!levels.data) return null;
  return (
    <ScrollTable caption="Stock per warehouse, at catalogue prices" visibleCaption>
      <thead>
        <tr>
          <th scope="col">Warehouse</th>
          <th scope="col" className="catalogue-number">
            Levels
          </th>
          <th scope="col" className="catalogue-number">
            Below minimum
          </th>
          <th scope="col" className="catalogue-number">
            Empty
          </th>
          <th scope="col" className="catalogue-number">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {levels.data.warehouses.map((row) => (
          <tr key={row.warehouse.id}>
            <th scope="row">
              <code>{row.warehouse.code}</code> {row.warehouse.name}
            </th>
            <td className="catalogue-number">{row.levels}</td>
            <td className="catalogue-number">{row.low_stock_items}</td>
            <td className="catalogue-number">{row.out_of_stock_items}</td>
            <td className="catalogue-number">{values(row.value)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Every warehouse</th>
          <td className="catalogue-number">{levels.data.totals.levels}</td>
          <td className="catalogue-number">{levels.data.totals.low_stock_items}</td>
          <td className="catalogue-number">{levels.data.totals.out_of_stock_items}</td>
          <td className="catalogue-number">{values(levels.data.totals.value)}</td>
        </tr>
      </tfoot>
    </ScrollTable>
  );
}
