import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { ErrorNote, humanize, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { adminKeys, useFormTemplateVersions, type FormTemplate } from './admin-queries';
import { FormVersionEditor } from './FormVersionEditor';
import { teamName } from './template-versions';
import { TemplateVersionsTable } from './TemplateVersionsTable';
import './admin.css';

/** One version of a form template: its fields, its siblings, and the editor for the next version. */
export function FormTemplatePage() {
  const { can } = useMe();
  const { id = '' } = useParams();
  if (!can.admin) return <NoAccess title="Form template" />;
  return <FormTemplateView key={id} id={id} />;
}

function FormTemplateView({ id }: { id: string }) {
  const navigate = useNavigate();
  const published = (useLocation().state as { published?: number } | null)?.published;
  const [editing, setEditing] = useState(false);
  const template = useQuery({
    queryKey: adminKeys.formTemplate(id),
    queryFn: async () => unwrap(await api.GET('/api/prs/form-templates/{id}/', { params: { path: { id } } })),
  });
  const versions = useFormTemplateVersions();
  const data = template.data;
  const onPublished = (version: FormTemplate) =>
    void navigate(`/admin/templates/forms/${version.id}`, { state: { published: version.version_number } });

  return (
    <>
      <PageHeader title={data ? `${data.name}, version ${data.version_number}` : 'Form template'}>
        <p>
          <Link to="/admin/templates">Back to templates</Link>
        </p>
      </PageHeader>
      {published && data?.version_number === published ? (
        <p className="notice" role="status">
          Version {published} is published{data.is_current ? ' and is now the current version' : ''}.
        </p>
      ) : null}
      {template.isPending ? <Loading what="the form template" /> : null}
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
              <dt>Required attachments</dt>
              <dd>{data.required_attachment_categories.join(', ') || 'None'}</dd>
            </dl>
          </section>
          <section aria-labelledby="template-fields-heading">
            <h2 id="template-fields-heading">Fields</h2>
            {data.fields.length === 0 ? (
              <p className="muted">No fields beyond the standard request details.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">Fields of this version</caption>
                  <thead>
                    <tr>
                      <th scope="col">Order</th>
                      <th scope="col">Label</th>
                      <th scope="col">Field id</th>
                      <th scope="col">Type</th>
                      <th scope="col">Required</th>
                      <th scope="col">Options</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...data.fields]
                      .sort((a, b) => a.order - b.order)
                      .map((field) => (
                        <tr key={field.id}>
                          <td>{field.order}</td>
                          <td>{field.name}</td>
                          <td className="code">{field.field_id}</td>
                          <td>{field.field_type === 'SELECT' ? 'Choice (SELECT)' : humanize(field.field_type)}</td>
                          <td>{field.required ? 'Required' : 'Optional'}</td>
                          <td>{field.options.join(', ') || '—'}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="template-versions-heading">
            <h2 id="template-versions-heading">Versions</h2>
            <ErrorNote error={versions.error} />
            {versions.data ? (
              <TemplateVersionsTable
                caption="Versions of this form template"
                versions={versions.data.results.filter((version) => version.family_id === data.family_id)}
                basePath="/admin/templates/forms"
                currentId={data.id}
              />
            ) : null}
          </section>
          <section aria-labelledby="new-version-heading" className="card">
            <h2 id="new-version-heading">Create a new version</h2>
            {editing ? (
              <FormVersionEditor template={data} onPublished={onPublished} onCancel={() => setEditing(false)} />
            ) : (
              <>
                <p>
                  Starts from the fields of version {data.version_number}; the template is replaced as a whole by the
                  new version.
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
