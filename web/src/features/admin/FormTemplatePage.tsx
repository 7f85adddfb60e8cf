import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { humanize } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { adminKeys, useFormTemplateVersions, type FormTemplate } from './admin-queries';
import { FormVersionEditor } from './FormVersionEditor';
import { TemplateVersionView } from './TemplateVersionView';
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
  const template = useQuery({
    queryKey: adminKeys.formTemplate(id),
    queryFn: async () => unwrap(await api.GET('/api/prs/form-templates/{id}/', { params: { path: { id } } })),
  });
  const onPublished = (version: FormTemplate) =>
    void navigate(`/admin/templates/forms/${version.id}`, { state: { published: version.version_number } });
  return (
    <TemplateVersionView
      kind="form template"
      template={template}
      versions={useFormTemplateVersions()}
      basePath="/admin/templates/forms"
      startsFrom="the fields"
      facts={(data) => (
        <>
          <dt>Required attachments</dt>
          <dd>{data.required_attachment_categories.join(', ') || 'None'}</dd>
        </>
      )}
      contents={(data) => <FieldsSection fields={data.fields} />}
      editor={(data, close) => <FormVersionEditor template={data} onPublished={onPublished} onCancel={close} />}
    />
  );
}

function FieldsSection({ fields }: { fields: FormTemplate['fields'] }) {
  return (
    <section aria-labelledby="template-fields-heading">
      <h2 id="template-fields-heading">Fields</h2>
      {fields.length === 0 ? (
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
              {[...fields]
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
  );
}
