import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { ApiError } from '../../api/problem';
import { useMe } from '../../session/session';
import { ErrorNote, Field, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { AttachmentDrop } from './AttachmentDrop';
import { uploadAttachment } from './attachments';
import { requestKeys, useFormTemplate, useFormTemplates, useRequest } from './request-queries';
import type { RequestDetail } from './request-types';
import { TemplateFields } from './TemplateFields';
import {
  currentFormFor,
  fieldValuesBody,
  initialValues,
  missingRequired,
  sortedFields,
  type FieldDraft,
} from './template-form';

interface Basics {
  team: string;
  subject: string;
  vendor_name: string;
  vendor_account: string;
  amount: string;
  currency: string;
  purchase_type: 'GOODS' | 'SERVICES';
  description: string;
}

function basicsOf(request?: RequestDetail, team = ''): Basics {
  return {
    team: request?.team.id ?? team,
    subject: request?.subject ?? '',
    vendor_name: request?.vendor_name ?? '',
    vendor_account: request?.vendor_account ?? '',
    amount: request?.amount ?? '',
    currency: request?.currency ?? '',
    purchase_type: request?.purchase_type.code ?? 'GOODS',
    description: request?.description ?? '',
  };
}

/** New request, or edit of a draft or a rejected request (then resubmit). */
export function RequestFormPage() {
  const { id } = useParams();
  const { can } = useMe();
  const existing = useRequest(id ?? '', Boolean(id));
  if (!can.request) return <NoAccess title={id ? 'Edit request' : 'New request'} />;
  if (!id) return <RequestForm />;
  if (existing.isPending) return <Loading what="the request" />;
  if (existing.error) return <ErrorNote error={existing.error} />;
  return <RequestForm request={existing.data} />;
}

function RequestForm({ request }: { request?: RequestDetail }) {
  const { can } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [basics, setBasics] = useState<Basics>(() => basicsOf(request, can.requestTeams[0]?.id));
  const [values, setValues] = useState<Record<string, FieldDraft> | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [savedId, setSavedId] = useState<string | undefined>(request?.id);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});

  const templates = useFormTemplates(request ? undefined : basics.team);
  const pinned = useFormTemplate(request?.form_template.id);
  const template = request ? pinned.data : currentFormFor(templates.data?.results ?? [], basics.team);
  const fields = useMemo(() => (template ? sortedFields(template) : []), [template]);
  useEffect(() => {
    if (template) setValues((current) => current ?? initialValues(fields, request));
  }, [template, fields, request]);

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const body = {
        subject: basics.subject.trim(),
        vendor_name: basics.vendor_name.trim(),
        amount: basics.amount.trim(),
        purchase_type: basics.purchase_type,
        description: basics.description,
        ...(basics.vendor_account.trim() ? { vendor_account: basics.vendor_account.trim() } : {}),
        ...(basics.currency.trim() ? { currency: basics.currency.trim().toUpperCase() } : {}),
        field_values: fieldValuesBody(fields, values ?? {}),
      };
      let id = savedId;
      if (id) {
        unwrap(await api.PATCH('/api/prs/requests/{id}/', { params: { path: { id } }, body }));
      } else {
        const created = unwrap(
          await api.POST('/api/prs/requests/', {
            params: { header: { 'Idempotency-Key': idempotencyKey() } },
            body: { ...body, team: basics.team },
          }),
        );
        id = created.id;
        setSavedId(id);
      }
      for (const file of files) {
        await uploadAttachment(id, file, '');
        setFiles((current) => current.filter((other) => other !== file));
      }
      if (submit) {
        unwrap(
          await api.POST('/api/prs/requests/{id}/submit/', {
            params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey() } },
            body: {},
          }),
        );
      }
      return id;
    },
    onSuccess: (id) => navigate(`/requests/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });

  const submit = (event: FormEvent, andSubmit: boolean) => {
    event.preventDefault();
    const missing = andSubmit ? missingRequired(fields, values ?? {}) : {};
    setLocalErrors(missing);
    if (Object.keys(missing).length === 0) save.mutate(andSubmit);
  };
  const apiErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const errorsFor = (name: string) => apiErrors[name];
  const set = (name: keyof Basics) => (event: { target: { value: string } }) =>
    setBasics((current) => ({ ...current, [name]: event.target.value }));
  const rejected = request?.status.code === 'REJECTED';
  const title = request ? `Edit “${request.subject}”` : 'New request';

  return (
    <>
      <PageHeader title={title} />
      {rejected && request?.rejection_comment ? (
        <div className="card" role="note" aria-label="Rejection">
          <h2>Why it was rejected</h2>
          <p>{request.rejection_comment}</p>
          <p className="muted">Change what was asked, then resubmit: the approval starts again from the first step.</p>
        </div>
      ) : null}
      <form className="card" onSubmit={(event) => submit(event, false)} noValidate>
        <h2>Request</h2>
        <div className="form-grid">
          {!request && can.requestTeams.length > 1 ? (
            <Field label="Team" required errors={errorsFor('team')}>
              {(props) => (
                <select {...props} value={basics.team} onChange={set('team')}>
                  {can.requestTeams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field label="Subject" required errors={errorsFor('subject')}>
            {(props) => <input {...props} required maxLength={200} value={basics.subject} onChange={set('subject')} />}
          </Field>
          <Field label="Vendor" required errors={errorsFor('vendor_name')}>
            {(props) => (
              <input {...props} required maxLength={200} value={basics.vendor_name} onChange={set('vendor_name')} />
            )}
          </Field>
          <Field label="Vendor account" errors={errorsFor('vendor_account')}>
            {(props) => (
              <input {...props} maxLength={100} value={basics.vendor_account} onChange={set('vendor_account')} />
            )}
          </Field>
          <Field label="Amount" required errors={errorsFor('amount')} hint="For example 1500.00">
            {(props) => (
              <input {...props} required inputMode="decimal" value={basics.amount} onChange={set('amount')} />
            )}
          </Field>
          <Field label="Currency" errors={errorsFor('currency')} hint="ISO code such as EUR; empty for the default">
            {(props) => (
              <input
                {...props}
                maxLength={3}
                autoCapitalize="characters"
                value={basics.currency}
                onChange={set('currency')}
              />
            )}
          </Field>
          <Field label="Purchase type" required errors={errorsFor('purchase_type')}>
            {(props) => (
              <select {...props} value={basics.purchase_type} onChange={set('purchase_type')}>
                <option value="GOODS">Goods</option>
                <option value="SERVICES">Services</option>
              </select>
            )}
          </Field>
        </div>
        <Field label="Description" errors={errorsFor('description')}>
          {(props) => <textarea {...props} maxLength={5000} value={basics.description} onChange={set('description')} />}
        </Field>
        {template ? (
          <>
            <h2>{template.name}</h2>
            <p className="muted">Version {template.version_number}. Fields marked * are required to submit.</p>
            <TemplateFields
              fields={fields}
              values={values ?? {}}
              errors={{ ...localErrors, ...apiErrors }}
              onChange={(fieldId, value) => setValues((current) => ({ ...(current ?? {}), [fieldId]: value }))}
            />
          </>
        ) : (
          <Loading what="the team's form" />
        )}
        <h2>Attachments</h2>
        {request && request.attachments.length > 0 ? (
          <ul aria-label="Attached files">
            {request.attachments.map((attachment) => (
              <li key={attachment.id}>{attachment.filename}</li>
            ))}
          </ul>
        ) : null}
        <AttachmentDrop files={files} onChange={setFiles} />
        <ErrorNote error={save.error} />
        <div className="decision-buttons">
          <button type="button" disabled={save.isPending} onClick={(event) => submit(event, false)}>
            {request ? 'Save changes' : 'Save draft'}
          </button>
          <button type="button" className="primary" disabled={save.isPending} onClick={(event) => submit(event, true)}>
            {rejected ? 'Resubmit' : 'Submit for approval'}
          </button>
        </div>
      </form>
    </>
  );
}
