import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { fieldErrorsOf } from '../../api/problem';
import { Field, FormActions } from '../../ui/components';
import { useActiveVendors, useCategories } from './catalogue-queries';
import type { Product } from './catalogue-types';

interface Draft {
  sku: string;
  name: string;
  price: string;
  unit: string;
  category: string;
  vendor: string;
  service: boolean;
}

const draftOf = (product?: Product): Draft => ({
  sku: product?.sku ?? '',
  name: product?.name ?? '',
  price: product?.price ?? '',
  unit: product?.unit ?? 'each',
  category: product?.category_id ?? '',
  vendor: product?.preferred_vendor?.id ?? '',
  service: product ? !product.is_stock_item : false,
});

/** Adds a product, or changes one (`product` given); the API checks every field again. */
export function ProductForm({ product, onSaved }: { product?: Product; onSaved: (product: Product) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [notice, setNotice] = useState<string | null>(null);
  const categories = useCategories();
  const vendors = useActiveVendors();
  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        sku: draft.sku.trim(),
        name: draft.name.trim(),
        price: draft.price.trim(),
        unit: draft.unit.trim() || 'each',
        category: draft.category || null,
        preferred_vendor: draft.vendor || null,
        is_stock_item: !draft.service,
      };
      return product
        ? unwrap(await api.PATCH('/api/products/{id}/', { params: { path: { id: product.id } }, body }))
        : unwrap(await api.POST('/api/products/', { body }));
    },
    onSuccess: (saved) => {
      setNotice(product ? `Saved ${saved.sku}.` : `Added ${saved.sku}.`);
      if (!product) setDraft(draftOf());
      onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    save.mutate();
  };
  const id = product ? `product-${product.id}` : 'product-new';
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{product ? `Change ${product.sku}` : 'Add a product'}</h2>
      <div className="form-grid">
        <Field label="SKU" required errors={errors.sku}>
          {(props) => (
            <input {...props} autoComplete="off" value={draft.sku} onChange={(e) => set({ sku: e.target.value })} />
          )}
        </Field>
        <Field label="Name" required errors={errors.name}>
          {(props) => <input {...props} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label="Price" required hint="In the product's currency, e.g. 999.99" errors={errors.price}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={draft.price}
              onChange={(e) => set({ price: e.target.value })}
            />
          )}
        </Field>
        <Field label="Unit" hint="each, box, kg, hour…" errors={errors.unit}>
          {(props) => <input {...props} value={draft.unit} onChange={(e) => set({ unit: e.target.value })} />}
        </Field>
        <Field label="Category" errors={errors.category}>
          {(props) => (
            <select {...props} value={draft.category} onChange={(e) => set({ category: e.target.value })}>
              <option value="">None</option>
              {categories.data?.results.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Preferred vendor" errors={errors.preferred_vendor}>
          {(props) => (
            <select {...props} value={draft.vendor} onChange={(e) => set({ vendor: e.target.value })}>
              <option value="">None</option>
              {vendors.data?.results.map((vendor) => (
                <option key={vendor.id} value={vendor.id}>
                  {vendor.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" checked={draft.service} onChange={(e) => set({ service: e.target.checked })} /> A
            service (never kept in stock)
          </label>
        </div>
      </div>
      <FormActions
        label={product ? 'Save product' : 'Add product'}
        pendingLabel="Saving…"
        pending={save.isPending}
        error={Object.keys(errors).length ? null : save.error}
        notice={notice}
      />
    </form>
  );
}
