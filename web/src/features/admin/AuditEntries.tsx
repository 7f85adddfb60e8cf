import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorNote, Loading, Pager } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { adminKeys, useUserDirectory, type AuditEntry } from './admin-queries';
import {
  auditFilterParams,
  auditFiltersFromParams,
  auditQuery,
  changedValues,
  formatValues,
  validateAuditFilters,
  type AuditFilters,
} from './audit-filters';
import { AuditFiltersForm } from './AuditFiltersForm';

const PAGE_SIZE = 25;
const PAGES: Record<string, string> = { purchase_request: '/requests', purchase_order: '/orders' };

/** The audit log's entries, filtered and paged through the URL. */
export function AuditEntries() {
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersFromParams(params);
  const valid = Object.keys(validateAuditFilters(filters)).length === 0;
  const query = auditQuery(filters, PAGE_SIZE);
  const list = useQuery({
    queryKey: adminKeys.audit(query),
    enabled: valid,
    queryFn: async () => unwrap(await api.GET('/api/audit/logs/', { params: { query } })),
  });
  const directory = useUserDirectory();
  const users = directory.data?.results ?? [];
  const usernames = new Map(users.map((user) => [user.id, user.username]));
  const apply = (next: AuditFilters) => setParams(auditFilterParams(next));

  return (
    <section aria-labelledby="entries-heading">
      <h2 id="entries-heading">Entries</h2>
      <AuditFiltersForm key={params.toString()} filters={filters} users={users} onApply={apply} />
      {!valid ? <p className="error-note">These filters are not valid: correct them and apply again.</p> : null}
      {valid && list.isPending ? <Loading what="audit entries" /> : null}
      <ErrorNote error={list.error} />
      {list.data && list.data.results.length === 0 ? <EmptyState>No entries match these filters.</EmptyState> : null}
      {list.data && list.data.results.length > 0 ? (
        <>
          <div className="table-wrap audit-entries">
            <table>
              <caption className="visually-hidden">Audit entries</caption>
              <thead>
                <tr>
                  <th scope="col">Entry</th>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Values</th>
                </tr>
              </thead>
              <tbody>
                {list.data.results.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} usernames={usernames} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            info={{ count: list.data.count, page: filters.page, pageSize: PAGE_SIZE }}
            onPage={(page) => apply({ ...filters, page })}
          />
        </>
      ) : null}
    </section>
  );
}

function AuditRow({ entry, usernames }: { entry: AuditEntry; usernames: Map<string, string> }) {
  const { user_id: userId, token_id: tokenId } = entry.actor;
  const actor = userId ? (usernames.get(userId) ?? userId) : 'System';
  const changes = changedValues(entry.old_values, entry.new_values);
  const page = PAGES[entry.resource_type];
  return (
    <tr>
      <td>
        #{entry.id}
        {entry.hash === null ? <div className="muted">Not yet chained</div> : null}
      </td>
      <td>{formatDateTime(entry.timestamp)}</td>
      <td>
        {actor}
        {tokenId ? <div className="muted">with an API token</div> : null}
      </td>
      <td className="code">{entry.action}</td>
      <td>
        {entry.resource_type}
        {entry.resource_id ? (
          <div className="code">
            {page ? <Link to={`${page}/${entry.resource_id}`}>{entry.resource_id}</Link> : entry.resource_id}
          </div>
        ) : null}
      </td>
      <td>
        {changes.length > 0 ? (
          <div>
            {entry.old_values ? 'Changed' : 'Recorded'}: {changes.map((change) => change.key).join(', ')}
          </div>
        ) : null}
        {entry.old_values || entry.new_values ? (
          <details>
            <summary>
              Show values<span className="visually-hidden"> of entry {entry.id}</span>
            </summary>
            <div className="audit-values">
              <figure>
                <figcaption>Before</figcaption>
                <pre>{formatValues(entry.old_values)}</pre>
              </figure>
              <figure>
                <figcaption>After</figcaption>
                <pre>{formatValues(entry.new_values)}</pre>
              </figure>
            </div>
            {entry.request_id || entry.ip_address || entry.user_agent ? (
              <p className="muted">
                {[
                  entry.request_id && `Request ${entry.request_id}`,
                  entry.ip_address && `from ${entry.ip_address}`,
                  entry.user_agent,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            ) : null}
          </details>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
