import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import {
  EmptyState,
  ErrorNote,
  Field,
  Loading,
  PageHeader,
  Pager,
  SelectField,
  ScrollTable,
} from '../../ui/components';
import { formatMoney } from '../../ui/format';
import { nextParams, pageFrom } from '../../ui/url-filters';
import { CatalogueNav } from './CatalogueNav';
import { ProductForm } from './ProductForm';
import { catalogueKeys, useCategories } from './catalogue-queries';
import './catalogue.css';

const PAGE_SIZE = 25;
const KINDS: Array<[string, string]> = [
  ['true', 'Stock items'],
  ['false', 'Services'],
];

/** The products with seed 001/003's filters (kept in the URL); procurement and admins add and change them. */
export function ProductsPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<string | null>(null);
  const [search, setSearch] = useState(params.get('search') ?? '');
  const category = params.get('category');
  const kind = params.get('is_stock_item');
  const query = {
    page: pageFrom(params),
    page_size: PAGE_SIZE,
    ordering: 'name',
    is_active: true,
    ...(params.get('search') ? { search: params.get('search') as string } : {}),
    ...(category ? { category } : {}),
    ...(kind ? { is_stock_item: kind === 'true' } : {}),
  } as const;
  const products = useQuery({
    queryKey: catalogueKeys.products(query),
    queryFn: async () => unwrap(await api.GET('/api/products/', { params: { query } })),
  });
  const categories = useCategories();
  const refresh = () => queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
  const deactivate = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/products/{id}/', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));

  return (
    <>
      <PageHeader title="Catalogue">
        <CatalogueNav />
      </PageHeader>
      <form
        className="filters"
        role="search"
        aria-label="Find products"
        onSubmit={(event) => {
          event.preventDefault();
          update({ search: search.trim() || null });
        }}
      >
        <Field label="Name or SKU">
          {(props) => <input {...props} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <SelectField
          label="Category"
          value={category}
          anyLabel="Any category"
          options={(categories.data?.results ?? []).map((c) => [c.id, c.name] as const)}
          onChange={(value) => update({ category: value })}
        />
        <SelectField
          label="Kind"
          value={kind}
          anyLabel="Stock items and services"
          options={KINDS}
          onChange={(value) => update({ is_stock_item: value })}
        />
        <button type="submit">Search</button>
      </form>
      {products.isPending ? <Loading what="the products" /> : null}
      <ErrorNote error={products.error} />
      <ErrorNote error={deactivate.error} />
      {products.data && products.data.results.length === 0 ? <EmptyState>No product matches.</EmptyState> : null}
      {products.data && products.data.results.length > 0 ? (
        <>
          <ScrollTable caption="Products">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col" className="catalogue-number">
                  Price
                </th>
                <th scope="col">Unit</th>
                <th scope="col">Preferred vendor</th>
                {can.manageCatalogue ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {products.data.results.map((product) => (
                <tr key={product.id}>
                  <th scope="row">
                    <code>{product.sku}</code>
                  </th>
                  <td>
                    {product.name}
                    {product.is_stock_item ? null : <span className="badge badge-info catalogue-service">Service</span>}
                  </td>
                  <td>{product.category ?? '—'}</td>
                  <td className="catalogue-number">{formatMoney(product.price, product.currency)}</td>
                  <td>{product.unit}</td>
                  <td>{product.preferred_vendor?.name ?? '—'}</td>
                  {can.manageCatalogue ? (
                    <td className="row-actions">
                      <button
                        type="button"
                        aria-expanded={editing === product.id}
                        onClick={() => setEditing(editing === product.id ? null : product.id)}
                      >
                        Change<span className="visually-hidden"> {product.sku}</span>
                      </button>
                      <button
                        type="button"
                        disabled={deactivate.isPending}
                        onClick={() => deactivate.mutate(product.id)}
                      >
                        Deactivate<span className="visually-hidden"> {product.sku}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pager
            info={{ count: products.data.count, page: query.page, pageSize: PAGE_SIZE }}
            onPage={(page) => update({ page: String(page) })}
          />
        </>
      ) : null}
      {can.manageCatalogue && editing && products.data?.results.some((p) => p.id === editing) ? (
        <ProductForm
          key={editing}
          product={products.data.results.find((p) => p.id === editing)}
          onSaved={() => void refresh()}
        />
      ) : null}
      {can.manageCatalogue ? <ProductForm onSaved={() => void refresh()} /> : null}
    </>
  );
}
