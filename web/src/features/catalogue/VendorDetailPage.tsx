import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { fieldErrorsOf } from '../../api/problem';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Field, FormActions, Loading, PageHeader, ScrollTable } from '../../ui/components';
import { formatMoney } from '../../ui/format';
import { CatalogueNav } from './CatalogueNav';
import { catalogueKeys } from './catalogue-queries';
import './catalogue.css';

/** One vendor and what it offers (price, least quantity, lead time per product); procurement records offers. */
export function VendorDetailPage() {
  const { id = '' } = useParams();
  const { can } = useMe();
  const vendor = useQuery({
    queryKey: catalogueKeys.vendor(id),
    queryFn: async () => unwrap(await api.GET('/api/vendors/{id}/', { params: { path: { id } } })),
  });
  const offers = useQuery({
    queryKey: catalogueKeys.offers(id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/vendors/{id}/products/', { params: { path: { id }, query: { page: 1, page_size: 100 } } }),
      ),
  });
  return (
    <>
      <PageHeader title={vendor.data?.name ?? 'Vendor'}>
        <CatalogueNav />
      </PageHeader>
      {vendor.isPending ? <Loading what="the vendor" /> : null}
      <ErrorNote error={vendor.error} />
      {vendor.data ? (
        <dl className="card">
          <dt>E-mail</dt>
          <dd>{vendor.data.email ?? '—'}</dd>
          <dt>Currency</dt>
          <dd>{vendor.data.currency}</dd>
          <dt>Payment terms</dt>
          <dd>{vendor.data.payment_terms_days} days</dd>
        </dl>
      ) : null}
      <section aria-labelledby="offers-heading">
        <h2 id="offers-heading">What it offers</h2>
        <ErrorNote error={offers.error} />
        {offers.data && offers.data.results.length === 0 ? <EmptyState>No offer recorded.</EmptyState> : null}
        {offers.data && offers.data.results.length > 0 ? (
          <ScrollTable caption="Offers of this vendor">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Vendor SKU</th>
                <th scope="col" className="catalogue-number">
                  Price
                </th>
                <th scope="col" className="catalogue-number">
                  Least quantity
                </th>
                <th scope="col" className="catalogue-number">
                  Lead time
                </th>
              </tr>
            </thead>
            <tbody>
              {offers.data.results.map((offer) => (
                <tr key={offer.id}>
                  <th scope="row">
                    <code>{offer.product.sku}</code> {offer.product.name}
                  </th>
                  <td>{offer.vendor_sku ?? '—'}</td>
                  <td className="catalogue-number">{formatMoney(offer.price, offer.currency)}</td>
                  <td className="catalogue-number">{Number(offer.min_qty)}</td>
                  <td className="catalogue-number">{offer.lead_time_days} days</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ) : null}
      </section>
      {can.manageCatalogue && vendor.data ? <NewOfferForm vendorId={id} /> : null}
    </>
  );
}

function NewOfferForm({ vendorId }: { vendorId: string }) {
  const queryClient = useQueryClient();
  const query = { page: 1, page_size: 100, ordering: 'sku', is_active: true } as const;
  const products = useQuery({
    queryKey: catalogueKeys.products(query),
    queryFn: async () => unwrap(await api.GET('/api/products/', { params: { query } })),
  });
  const [product, setProduct] = useState('');
  const [price, setPrice] = useState('');
  const [lead, setLead] = useState('0');
  const [notice, setNotice] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/vendors/{id}/products/', {
          params: { path: { id: vendorId } },
          body: {
            product,
            price: price.trim(),
            lead_time_days: /^\d+$/.test(lead.trim()) ? Number(lead.trim()) : Number.NaN,
          },
        }),
      ),
    onSuccess: async (offer) => {
      setNotice(`Recorded the offer for ${offer.product.sku}.`);
      setPrice('');
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.offers(vendorId) });
    },
  });
  const errors = fieldErrorsOf(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    add.mutate();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="offer-new">
      <h2 id="offer-new">Record an offer</h2>
      <div className="form-grid">
        <Field label="Product" required errors={errors.product}>
          {(props) => (
            <select {...props} value={product} onChange={(e) => setProduct(e.target.value)}>
              <option value="">Choose a product</option>
              {products.data?.results.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.sku} · {item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Vendor's price" required errors={errors.price}>
          {(props) => <input {...props} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />}
        </Field>
        <Field label="Lead time (days)" errors={errors.lead_time_days}>
          {(props) => <input {...props} inputMode="numeric" value={lead} onChange={(e) => setLead(e.target.value)} />}
        </Field>
      </div>
      <FormActions
        label="Record offer"
        pendingLabel="Saving…"
        pending={add.isPending}
        error={Object.keys(errors).length ? null : add.error}
        notice={notice}
      />
    </form>
  );
}
