import { useState } from 'react';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { FULL_PAGE, useFormTemplateVersions, useWorkflowTemplateVersions } from './admin-queries';
import { TemplateVersionsTable } from './TemplateVersionsTable';
import './admin.css';

/** Form and workflow templates with all their versions; a version's page publishes the next one. */
export function TemplatesPage() {
  const { can } = useMe();
  const [formPage, setFormPage] = useState(1);
  const [workflowPage, setWorkflowPage] = useState(1);
  const forms = useFormTemplateVersions(formPage, can.admin);
  const workflows = useWorkflowTemplateVersions(workflowPage, can.admin);
  if (!can.admin) return <NoAccess title="Templates" />;
  return (
    <>
      <PageHeader title="Templates">
        <p className="muted">
          Requests keep the template versions they started with; a new version applies to requests created after it.
          Open a version to see it and to create a new version from it.
        </p>
      </PageHeader>
      <section aria-labelledby="form-templates-heading">
        <h2 id="form-templates-heading">Form templates</h2>
        {forms.isPending ? <Loading what="form templates" /> : null}
        <ErrorNote error={forms.error} />
        {forms.data && forms.data.results.length === 0 ? <EmptyState>No form templates.</EmptyState> : null}
        {forms.data && forms.data.results.length > 0 ? (
          <TemplateVersionsTable
            caption="Form templates and their versions"
            versions={forms.data.results}
            basePath="/admin/templates/forms"
          />
        ) : null}
        {forms.data && forms.data.count > FULL_PAGE ? (
          <Pager info={{ count: forms.data.count, page: formPage, pageSize: FULL_PAGE }} onPage={setFormPage} />
        ) : null}
      </section>
      <section aria-labelledby="workflow-templates-heading">
        <h2 id="workflow-templates-heading">Workflow templates</h2>
        {workflows.isPending ? <Loading what="workflow templates" /> : null}
        <ErrorNote error={workflows.error} />
        {workflows.data && workflows.data.results.length === 0 ? <EmptyState>No workflow templates.</EmptyState> : null}
        {workflows.data && workflows.data.results.length > 0 ? (
          <TemplateVersionsTable
            caption="Workflow templates and their versions"
            versions={workflows.data.results}
            basePath="/admin/templates/workflows"
          />
        ) : null}
        {workflows.data && workflows.data.count > FULL_PAGE ? (
          <Pager
            info={{ count: workflows.data.count, page: workflowPage, pageSize: FULL_PAGE }}
            onPage={setWorkflowPage}
          />
        ) : null}
      </section>
    </>
  );
}
