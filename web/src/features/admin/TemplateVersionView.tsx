import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ErrorNote, Loading, PageHeader } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { teamName, type VersionSummary } from './template-versions';
import { TemplateVersionsTable } from './TemplateVersionsTable';

/**
 * One version of a form or workflow template: its details, what it holds (fields or steps), its
 * sibling versions, and the editor for the next version. After publishing, the page of the new
 * version says so.
 */
export function TemplateVersionView<T extends VersionSummary>({
  kind,
  template,
  versions,
  basePath,
  facts,
  contents,
  startsFrom,
  editor,
}: {
  /** "form template", "workflow template". */
  kind: string;
  template: UseQueryResult<T>;
  versions: UseQueryResult<{ results: VersionSummary[] }>;
  basePath: string;
  /** Further `dt`/`dd` pairs of the details. */
  facts?: (data: T) => ReactNode;
  /** The section showing what this version holds. */
  contents: (data: T) => ReactNode;
  /** "the fields", "the steps": what the next version starts from. */
  startsFrom: string;
  editor: (data: T, close: () => void) => ReactNode;
}) {
  const published = (useLocation().state as { published?: number } | null)?.published;
  const [editing, setEditing] = useState(false);
  const data = template.data;
  const title = kind.charAt(0).toUpperCase() + kind.slice(1);
  return (
    <>
      <PageHeader title={data ? `${data.name}, version ${data.version_number}` : title}>
        <p>
          <Link to="/admin/templates">Back to templates</Link>
        </p>
      </PageHeader>
      {published && data?.version_number === published ? (
        <p className="notice" role="status">
          Version {published} is published{data.is_current ? ' and is now the current version' : ''}.
        </p>
      ) : null}
      {template.isPending ? <Loading what={`the ${kind}`} /> : null}
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
              {facts?.(data)}
            </dl>
          </section>
          {contents(data)}
          <section aria-labelledby="template-versions-heading">
            <h2 id="template-versions-heading">Versions</h2>
            <ErrorNote error={versions.error} />
            {versions.data ? (
              <TemplateVersionsTable
                caption={`Versions of this ${kind}`}
                versions={versions.data.results.filter((version) => version.family_id === data.family_id)}
                basePath={basePath}
                currentId={data.id}
              />
            ) : null}
          </section>
          <section aria-labelledby="new-version-heading" className="card">
            <h2 id="new-version-heading">Create a new version</h2>
            {editing ? (
              editor(data, () => setEditing(false))
            ) : (
              <>
                <p>
                  Starts from {startsFrom} of version {data.version_number}; the {kind} is replaced as a whole by the
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
