import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import {
  codeOptions,
  EmptyState,
  ErrorNote,
  Field,
  Loading,
  PageHeader,
  Pager,
  SelectField,
  StatusBadge,
} from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime, formatMoney } from '../../ui/format';
import { requestKeys } from './request-queries';
import { REQUEST_STATUSES, type RequestStatus } from './request-types';

const PAGE_SIZE = 20;
const ORDERINGS = [
  ['-updated_at', 'Recently changed'],
  ['-created_at', 'Newest first'],
  ['created_at', 'Oldest first'],
  ['-amount', 'Largest amount'],
  ['amount', 'Smallest amount'],
] as const;
type Ordering = (typeof ORDERINGS)[number][0];

/** The requestor's own requests: filter by status, search, order; the filters live in the URL. */
export function MyRequestsPage() {
  const { me, can } = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as RequestStatus | null;
  const search = params.get('search') ?? '';
  const ordering = (params.get('ordering') ?? '-updated_at') as Ordering;
  const page = Number(params.get('page') ?? '1') || 1;
  const [searchDraft, setSearchDraft] = useState(search);
  const query = {
    requestor: me.id,
    page,
    page_size: PAGE_SIZE,
    ordering,
    ...(status ? { status: [status] } : {}),
    ...(search ? { search } : {}),
  };
  const list = useQuery({
    queryKey: requestKeys.list(query),
    enabled: can.request,
    queryFn: async () => unwrap(await api.GET('/api/prs/requests/', { params: { query } })),
  });
  if (!can.request) return <NoAccess title="My requests" />;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ search: searchDraft.trim() || null });
  };

  return (
    <>
      <PageHeader
        title="My requests"
        actions={
          <Link className="button primary" to="/requests/new">
            New request
          </Link>
        }
      />
      <form className="filters card" role="search" aria-label="Filter requests" onSubmit={submitSearch}>
        <SelectField
          label="Status"
          anyLabel="Any status"
          value={status}
          options={codeOptions(REQUEST_STATUSES)}
          onChange={(next) => update({ status: next })}
        />
        <SelectField
          label="Order by"
          value={ordering}
          options={ORDERINGS}
          onChange={(next) => update({ ordering: next })}
        />
        <Field label="Search">
          {(props) => (
            <input
              {...props}
              type="search"
              value={searchDraft}
              placeholder="Subject, vendor…"
              onChange={(event) => setSearchDraft(event.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <button type="submit">Search</button>
        </div>
      </form>
      {list.isPending ? <Loading what="your requests" /> : null}
      <ErrorNote error={list.error} />
      {list.data && list.data.results.length === 0 ? (
        <EmptyState>
          No requests match. <Link to="/requests/new">Create one</Link>.
        </EmptyState>
      ) : null}
      {list.data && list.data.results.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">My purchase requests</caption>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Amount
                  </th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Team</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {list.data.results.map((request) => (
                  <tr key={request.id}>
                    <td>
                      <Link to={`/requests/${request.id}`}>{request.subject}</Link>
                    </td>
                    <td>
                      <StatusBadge code={request.status.code} label={request.status.name} />
                    </td>
                    <td className="number">{formatMoney(request.amount, request.currency)}</td>
                    <td>{request.vendor_name}</td>
                    <td>{request.team.name}</td>
                    <td>{formatDateTime(request.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            info={{ count: list.data.count, page, pageSize: PAGE_SIZE }}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : null}
    </>
  );
}
