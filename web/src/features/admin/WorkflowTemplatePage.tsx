import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { NoAccess } from '../../ui/NoAccess';
import { adminKeys, useWorkflowTemplateVersions, type WorkflowTemplate } from './admin-queries';
import { TemplateVersionView } from './TemplateVersionView';
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
  const template = useQuery({
    queryKey: adminKeys.workflowTemplate(id),
    queryFn: async () => unwrap(await api.GET('/api/prs/workflows/{id}/', { params: { path: { id } } })),
  });
  const onPublished = (version: WorkflowTemplate) =>
    void navigate(`/admin/templates/workflows/${version.id}`, { state: { published: version.version_number } });
  return (
    <TemplateVersionView
      kind="workflow template"
      template={template}
      versions={useWorkflowTemplateVersions()}
      basePath="/admin/templates/workflows"
      startsFrom="the steps"
      contents={(data) => <StepsSection steps={data.steps} />}
      editor={(data, close) => <WorkflowVersionEditor template={data} onPublished={onPublished} onCancel={close} />}
    />
  );
}

function StepsSection({ steps }: { steps: WorkflowTemplate['steps'] }) {
  return (
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
            {[...steps]
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
  );
}
