import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { fieldErrorsOf } from '../../api/problem';
import { Field, FormActions, SelectField } from '../../ui/components';
import { formatMoney } from '../../ui/format';
import { inventoryKeys, useOpenWarehouses } from './inventory-queries';

interface Line {
  key: number;
  product: string | null;
  quantity: string;
  unitPrice: string;
}

const MAX_LINES = 20;

/** Seed 003's new sale: a customer, a warehouse, and lines; the stock leaves the warehouse at once. */
export function SaleForm({ onDone }: { onDone: () => void }) {
  const query = { page: 1, page_size: 100, ordering: 'name', is_active: true } as const;
  const products = useQuery({
    queryKey: [...inventoryKeys.all, 'products'],
    queryFn: async () => unwrap(await api.GET('/api/products/', { params: { query } })),
  });
  const warehouses = useOpenWarehouses();
  const [customer, setCustomer] = useState('');
  const [email, setEmail] = useState('');
  const [warehouse, setWarehouse] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([{ key: 1, product: null, quantity: '1', unitPrice: '' }]);
  const [notice, setNotice] = useState<string | null>(null);
  const setLine = (key: number, change: Partial<Line>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const record = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/sales/', {
          body: {
            customer_name: customer.trim(),
            customer_email: email.trim() || null,
            warehouse_id: warehouse ?? '',
            lines: lines.map((line) => ({
              product_id: line.product ?? '',
              quantity: line.quantity.trim(),
              ...(line.unitPrice.trim() ? { unit_price: line.unitPrice.trim() } : {}),
            })),
          },
        }),
      ),
    onSuccess: (sale) => {
      setNotice(`Recorded ${sale.number}: ${formatMoney(sale.total, sale.currency)}.`);
      setCustomer('');
      setEmail('');
      setLines([{ key: 1, product: null, quantity: '1', unitPrice: '' }]);
      onDone();
    },
  });
  const errors = fieldErrorsOf(record.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    record.mutate();
  };
  const productOptions = (products.data?.results ?? []).map((p) => [p.id, `${p.sku} · ${p.name}`] as const);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="sale-new">
      <h2 id="sale-new">Record a sale</h2>
      <div className="form-grid">
        <Field label="Customer" required errors={errors.customer_name}>
          {(props) => <input {...props} value={customer} onChange={(e) => setCustomer(e.target.value)} />}
        </Field>
        <Field label="Customer e-mail" errors={errors.customer_email}>
          {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <SelectField
          label="From warehouse"
          value={warehouse}
          anyLabel="Choose a warehouse"
          options={(warehouses.data?.results ?? []).map((w) => [w.id, `${w.code} · ${w.name}`] as const)}
          onChange={setWarehouse}
        />
      </div>
      {lines.map((line, index) => (
        <fieldset key={line.key} className="form-grid">
          <legend>Line {index + 1}</legend>
          <SelectField
            label={`Product, line ${index + 1}`}
            value={line.product}
            anyLabel="Choose a product"
            options={productOptions}
            onChange={(value) => setLine(line.key, { product: value })}
          />
          <Field label={`Quantity, line ${index + 1}`} required errors={errors[`lines.${index}.quantity`]}>
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                value={line.quantity}
                onChange={(e) => setLine(line.key, { quantity: e.target.value })}
              />
            )}
          </Field>
          <Field
            label={`Unit price, line ${index + 1}`}
            hint="Leave empty for the catalogue price"
            errors={errors[`lines.${index}.unit_price`]}
          >
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                value={line.unitPrice}
                onChange={(e) => setLine(line.key, { unitPrice: e.target.value })}
              />
            )}
          </Field>
        </fieldset>
      ))}
      <FormActions
        label="Record sale"
        pendingLabel="Recording…"
        pending={record.isPending}
        error={record.error}
        notice={notice}
      >
        <button
          type="button"
          disabled={lines.length >= MAX_LINES}
          onClick={() =>
            setLines((current) => [
              ...current,
              { key: Math.max(...current.map((l) => l.key)) + 1, product: null, quantity: '1', unitPrice: '' },
            ])
          }
        >
          Add a line
        </button>
      </FormActions>
    </form>
  );
}
