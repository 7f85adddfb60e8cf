import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { fieldErrorsOf } from '../../api/problem';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Field, FormActions, Loading, PageHeader, ScrollTable } from '../../ui/components';
import { CatalogueNav } from './CatalogueNav';
import { catalogueKeys } from './catalogue-queries';
import './catalogue.css';

/** Seed 001's warehouses, open and closed; procurement and admins add, close and reopen them. */
export function WarehousesPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const query = { page: 1, page_size: 100, ordering: 'name' } as const;
  const warehouses = useQuery({
    queryKey: catalogueKeys.warehouses(query),
    queryFn: async () => unwrap(await api.GET('/api/warehouses/', { params: { query } })),
  });
  const toggle = useMutation({
    mutationFn: async ({ id, open }: { id: string; open: boolean }) =>
      unwrap(await api.PATCH('/api/warehouses/{id}/', { params: { path: { id } }, body: { is_active: open } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueKeys.all }),
  });
  return (
    <>
      <PageHeader title="Warehouses">
        <CatalogueNav />
      </PageHeader>
      {warehouses.isPending ? <Loading what="the warehouses" /> : null}
      <ErrorNote error={warehouses.error} />
      <ErrorNote error={toggle.error} />
      {warehouses.data && warehouses.data.results.length === 0 ? <EmptyState>No warehouse yet.</EmptyState> : null}
      {warehouses.data && warehouses.data.results.length > 0 ? (
        <ScrollTable caption="Warehouses">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Location</th>
              <th scope="col" className="catalogue-number">
                Capacity
              </th>
              <th scope="col">Status</th>
              {can.manageCatalogue ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {warehouses.data.results.map((warehouse) => (
              <tr key={warehouse.id}>
                <th scope="row">
                  <code>{warehouse.code}</code>
                </th>
                <td>{warehouse.name}</td>
                <td>{warehouse.location || '—'}</td>
                <td className="catalogue-number">{warehouse.capacity ?? '—'}</td>
                <td>
                  <span className={`badge ${warehouse.is_active ? 'badge-good' : 'badge-neutral'}`}>
                    {warehouse.is_active ? 'Open' : 'Closed'}
                  </span>
                </td>
                {can.manageCatalogue ? (
                  <td>
                    <button
                      type="button"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ id: warehouse.id, open: !warehouse.is_active })}
                    >
                      {warehouse.is_active ? 'Close' : 'Reopen'}
                      <span className="visually-hidden"> {warehouse.name}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      {can.manageCatalogue ? <NewWarehouseForm /> : null}
    </>
  );
}

function NewWarehouseForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [capacity, setCapacity] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/warehouses/', {
          body: {
            name: name.trim(),
            location: location.trim(),
            capacity: capacity.trim() ? (/^\d+$/.test(capacity.trim()) ? Number(capacity.trim()) : Number.NaN) : null,
          },
        }),
      ),
    onSuccess: async (warehouse) => {
      setNotice(`Added ${warehouse.name} (${warehouse.code}).`);
      setName('');
      setLocation('');
      setCapacity('');
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
    <form className="card" onSubmit={submit} noValidate aria-labelledby="warehouse-new">
      <h2 id="warehouse-new">Add a warehouse</h2>
      <div className="form-grid">
        <Field label="Warehouse name" required errors={errors.name}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Location" errors={errors.location}>
          {(props) => <input {...props} value={location} onChange={(e) => setLocation(e.target.value)} />}
        </Field>
        <Field label="Capacity" hint="Optional, in units" errors={errors.capacity}>
          {(props) => (
            <input {...props} inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          )}
        </Field>
      </div>
      <FormActions
        label="Add warehouse"
        pendingLabel="Adding…"
        pending={create.isPending}
        error={Object.keys(errors).length ? null : create.error}
        notice={notice}
      />
    </form>
  );
}
