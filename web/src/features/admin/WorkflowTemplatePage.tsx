import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { ErrorNote, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { adminKeys, useWorkflowTemplateVersions, type WorkflowTemplate } from './admin-queries';
import { teamName } from './template-versions';
import { TemplateVersionsTable } from './TemplateVersionsTable';
import { WorkflowVersionEditor } from './WorkflowVersionEditor';
import './admin.css';

const hours = (value: number | null) => (value === null ? '—' : `${value} h`);

/** One version of a workflow template: its steps, its siblings, and the editor for the next version. */
export function WorkflowTemplatePage() {
  const { can } = useMe();
  const { id = '' } = useParams();
  if (!can.admin) return <NoAccess title="Workflow template" />;
  return <WorkflowTemplateView key={id} id={id} />;
}

function WorkflowTemplateView({ id }: { id: string }) {
  const navigate = useNavigate();
  const published = (useLocation().state as { published?: number } | null)?.published;
  const [editing, setEditing] = useState(false);
  const template = useQuery({
    queryKey: adminKeys.workflowTemplate(id),
    queryFn: async () => unwrap(await api.GET('/api/prs/workflows/{id}/', { params: { path: { id } } })),
  });
  const versions = useWorkflowTemplateVersions();
  const data = template.data;
  const onPublished = (version: WorkflowTemplate) =>
    void navigate(`/admin/templates/workflows/${version.id}`, { state: { published: version.version_number } });

  return (
    <>
      <PageHeader title={data ? `${data.name}, version ${data.version_number}` : 'Workflow template'}>
        <p>
          <Link to="/admin/templates">Back to templates</Link>
        </p>
      </PageHeader>
      {published && data?.version_number === published ? (
        <p className="notice" role="status">
          Version {published} is published{data.is_current ? ' and is now the current version' : ''}.
        </p>
      ) : null}
      {template.isPending ? <Loading what="the workflow template" /> : null}
      <ErrorNote error={template.error} />
      {data ? (
        <>
          <section aria-labelledby="template-details-heading" className="card">
            <h2 id="template-details-heading">Details</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd>{data.is_current ? 'Current version' : 'Earlier version (no longer used for new requests)'}</dd>
              <dt>Team</dt>
              <dd>{teamName(data.team)}</dd>
              <dt>Published</dt>
              <dd>{formatDateTime(data.created_at)}</dd>
            </dl>
          </section>
          <section aria-labelledby="template-steps-heading">
            <h2 id="template-steps-heading">Steps</h2>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Approval steps of this version</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Step</th>
                    <th scope="col">Approvers</th>
                    <th scope="col">Finance review</th>
                    <th scope="col" className="number">
                      Minimum amount
                    </th>
                    <th scope="col">Remind after</th>
                    <th scope="col">Escalate after</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.steps]
                    .sort((a, b) => a.step_order - b.step_order)
                    .map((step) => (
                      <tr key={step.id}>
                        <td>{step.step_order}</td>
                        <td>{step.step_name}</td>
                        <td>{step.approvers.map((approver) => approver.role.name).join(', ') || step.approver_role}</td>
                        <td>{step.is_finance_review ? 'Yes' : 'No'}</td>
                        <td className="number">{step.min_amount ?? 'Every amount'}</td>
                        <td>{hours(step.remind_after_hours)}</td>
                        <td>{hours(step.escalate_after_hours)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="template-versions-heading">
            <h2 id="template-versions-heading">Versions</h2>
            <ErrorNote error={versions.error} />
            {versions.data ? (
              <TemplateVersionsTable
                caption="Versions of this workflow template"
                versions={versions.data.results.filter((version) => version.family_id === data.family_id)}
                basePath="/admin/templates/workflows"
                currentId={data.id}
              />
            ) : null}
          </section>
          <section aria-labelledby="new-version-heading" className="card">
            <h2 id="new-version-heading">Create a new version</h2>
            {editing ? (
              <WorkflowVersionEditor template={data} onPublished={onPublished} onCancel={() => setEditing(false)} />
            ) : (
              <>
                <p>
                  Starts from the steps of version {data.version_number}; the workflow is replaced as a whole by the new
                  version.
                </p>
                <button type="button" className="primary" onClick={() => setEditing(true)}>
                  Create a new version
                </button>
              </>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
