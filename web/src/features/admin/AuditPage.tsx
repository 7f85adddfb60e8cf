import { useMe } from '../../session/session';
import { PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { AuditEntries } from './AuditEntries';
import { ChainVerification } from './ChainVerification';
import './admin.css';

/** The audit log with its filters, and whether its hash chain is intact. */
export function AuditPage() {
  const { can } = useMe();
  if (!can.admin) return <NoAccess title="Audit log" />;
  return (
    <>
      <PageHeader title="Audit log">
        <p className="muted">
          Every change made through the API or a workflow, and every call made with an API token. Each entry is chained
          to the one before it by a hash, so a changed or removed entry shows up when the chain is verified.
        </p>
      </PageHeader>
      <ChainVerification />
      <AuditEntries />
    </>
  );
}
