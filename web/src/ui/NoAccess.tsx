import { PageHeader } from './components';

/** A page opened by someone whose scopes do not cover it (a shared link, an old bookmark). */
export function NoAccess({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p>You do not have access to this page.</p>
    </>
  );
}
