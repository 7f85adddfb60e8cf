import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { fieldErrorsOf } from '../../api/problem';
import { Field, FormActions, SelectField } from '../../ui/components';
import { formatQuantity } from '../../ui/format';
import { inventoryKeys, useOpenWarehouses } from './inventory-queries';

/** Seed 001's transfer: stock out of one warehouse and into another, at once (two movements). */
export function TransferForm({ onDone }: { onDone: () => void }) {
  const query = { page: 1, page_size: 100, ordering: 'name', is_active: true, is_stock_item: true } as const;
  const products = useQuery({
    queryKey: [...inventoryKeys.all, 'stock-products'],
    queryFn: async () => unwrap(await api.GET('/api/products/', { params: { query } })),
  });
  const warehouses = useOpenWarehouses();
  const [product, setProduct] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const transfer = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/inventory/transfer/', {
          body: {
            product_id: product ?? '',
            from_warehouse_id: from ?? '',
            to_warehouse_id: to ?? '',
            quantity: quantity.trim(),
            reason: reason.trim(),
          },
        }),
      ),
    onSuccess: (done) => {
      const code = (id: string) => warehouses.data?.results.find((w) => w.id === id)?.code ?? id;
      setNotice(
        `Moved ${formatQuantity(done.quantity)} from ${code(done.from_warehouse_id)} to ${code(done.to_warehouse_id)}.`,
      );
      setQuantity('');
      setReason('');
      onDone();
    },
  });
  const errors = fieldErrorsOf(transfer.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    transfer.mutate();
  };
  const warehouseOptions = (warehouses.data?.results ?? []).map((w) => [w.id, `${w.code} · ${w.name}`] as const);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="transfer-title">
      <h2 id="transfer-title">Move stock between warehouses</h2>
      <div className="form-grid">
        <SelectField
          label="Product"
          value={product}
          anyLabel="Choose a product"
          options={(products.data?.results ?? []).map((p) => [p.id, `${p.sku} · ${p.name}`] as const)}
          onChange={setProduct}
        />
        <SelectField
          label="From"
          value={from}
          anyLabel="Choose a warehouse"
          options={warehouseOptions}
          onChange={setFrom}
        />
        <SelectField label="To" value={to} anyLabel="Choose a warehouse" options={warehouseOptions} onChange={setTo} />
        <Field label="Quantity" required errors={errors.quantity}>
          {(props) => (
            <input {...props} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          )}
        </Field>
        <Field label="Reason" required errors={errors.reason}>
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
      <FormActions
        label="Move stock"
        pendingLabel="Moving…"
        pending={transfer.isPending}
        error={transfer.error}
        notice={notice}
      />
    </form>
  );
}
