import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorNote } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { adminKeys } from './admin-queries';
import { describeVerification } from './audit-filters';

/** Walks the chain on demand (it reads the whole log, so not on every visit). */
export function ChainVerification() {
  const [asked, setAsked] = useState(false);
  const verify = useQuery({
    queryKey: adminKeys.verify,
    enabled: asked,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/audit/verify/')),
  });
  const result = verify.data ? describeVerification(verify.data) : null;
  const run = () => (asked ? void verify.refetch() : setAsked(true));

  return (
    <section aria-labelledby="verify-heading" className="card">
      <h2 id="verify-heading">Chain verification</h2>
      <p>Checks every entry against the hash of the one before it.</p>
      <button type="button" className="primary" disabled={verify.isFetching} onClick={run}>
        {verify.isFetching ? 'Verifying…' : asked ? 'Verify again' : 'Verify the chain'}
      </button>
      <div role="status" aria-live="polite">
        {result && !verify.isFetching ? (
          <>
            <p className={`verification ${result.intact ? 'intact' : 'broken'}`}>
              <span aria-hidden="true">{result.intact ? '✓ ' : '✗ '}</span>
              {result.text}
            </p>
            {result.note ? <p className="muted">{result.note}</p> : null}
            <p className="muted">Checked {formatDateTime(new Date(verify.dataUpdatedAt).toISOString())}.</p>
          </>
        ) : null}
      </div>
      <ErrorNote error={verify.error} />
    </section>
  );
}
