import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { fieldErrorsOf } from '../../api/problem';
import { useMe } from '../../session/session';
import {
  EmptyState,
  ErrorNote,
  Field,
  FormActions,
  Loading,
  PageHeader,
  Pager,
  ScrollTable,
} from '../../ui/components';
import { pageFrom, nextParams } from '../../ui/url-filters';
import { CatalogueNav } from './CatalogueNav';
import { catalogueKeys } from './catalogue-queries';
import './catalogue.css';

const PAGE_SIZE = 25;

/** Vendors by name, each linking to what it offers; procurement and admins add them. */
export function VendorsPage() {
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const query = { page: pageFrom(params), page_size: PAGE_SIZE, ordering: 'name', is_active: true } as const;
  const vendors = useQuery({
    queryKey: catalogueKeys.vendors(query),
    queryFn: async () => unwrap(await api.GET('/api/vendors/', { params: { query } })),
  });
  return (
    <>
      <PageHeader title="Vendors">
        <CatalogueNav />
      </PageHeader>
      {vendors.isPending ? <Loading what="the vendors" /> : null}
      <ErrorNote error={vendors.error} />
      {vendors.data && vendors.data.results.length === 0 ? <EmptyState>No vendor yet.</EmptyState> : null}
      {vendors.data && vendors.data.results.length > 0 ? (
        <>
          <ScrollTable caption="Vendors">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Currency</th>
                <th scope="col" className="catalogue-number">
                  Payment terms
                </th>
              </tr>
            </thead>
            <tbody>
              {vendors.data.results.map((vendor) => (
                <tr key={vendor.id}>
                  <th scope="row">
                    <Link to={`/catalogue/vendors/${vendor.id}`}>{vendor.name}</Link>
                  </th>
                  <td>{vendor.email ?? '—'}</td>
                  <td>{vendor.currency}</td>
                  <td className="catalogue-number">{vendor.payment_terms_days} days</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pager
            info={{ count: vendors.data.count, page: query.page, pageSize: PAGE_SIZE }}
            onPage={(page) => setParams(nextParams(params, { page: String(page) }))}
          />
        </>
      ) : null}
      {can.manageCatalogue ? <NewVendorForm /> : null}
    </>
  );
}

function NewVendorForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [terms, setTerms] = useState('30');
  const [notice, setNotice] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/vendors/', {
          body: {
            name: name.trim(),
            email: email.trim() || null,
            payment_terms_days: /^\d+$/.test(terms.trim()) ? Number(terms.trim()) : Number.NaN,
          },
        }),
      ),
    onSuccess: async (vendor) => {
      setNotice(`Added ${vendor.name}.`);
      setName('');
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
    },
  });
  const errors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="vendor-new">
      <h2 id="vendor-new">Add a vendor</h2>
      <div className="form-grid">
        <Field label="Vendor name" required errors={errors.name}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="E-mail" errors={errors.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Payment terms (days)" errors={errors.payment_terms_days}>
          {(props) => <input {...props} inputMode="numeric" value={terms} onChange={(e) => setTerms(e.target.value)} />}
        </Field>
      </div>
      <FormActions
        label="Add vendor"
        pendingLabel="Adding…"
        pending={create.isPending}
        error={Object.keys(errors).length ? null : create.error}
        notice={notice}
      />
    </form>
  );
}
