import { useState } from 'react';
import { useMe } from '../../session/session';
import { PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { InboundEventsSection } from './InboundEventsSection';
import { IntegrationsNav } from './IntegrationsNav';
import type { ShownSecret } from './integration-types';
import { ProvidersSection } from './ProvidersSection';
import { SecretOnce } from './SecretOnce';
import './integrations.css';

const TITLE = 'Inbound integrations';

/** Providers that post signed events to the service, and the events they sent. */
export function InboundPage() {
  const { can } = useMe();
  const [shown, setShown] = useState<ShownSecret | null>(null);
  if (!can.admin) return <NoAccess title={TITLE} />;
  return (
    <>
      <PageHeader title={TITLE}>
        <IntegrationsNav />
      </PageHeader>
      {shown ? <SecretOnce key={shown.secret} shown={shown} onDone={() => setShown(null)} /> : null}
      <ProvidersSection onSecret={setShown} />
      <InboundEventsSection />
    </>
  );
}
