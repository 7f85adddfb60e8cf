import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { familiesOf, teamName, type VersionSummary } from './template-versions';

/** Every version of every template of one kind, grouped by template, each linking to its detail. */
export function TemplateVersionsTable({
  caption,
  versions,
  basePath,
  currentId,
}: {
  caption: string;
  versions: VersionSummary[];
  basePath: string;
  /** The version on screen, marked in the table. */
  currentId?: string;
}) {
  const families = familiesOf(versions);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Team</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {families.flatMap((family) =>
            family.versions.map((version) => (
              <tr key={version.id}>
                <td>
                  {version.id === currentId ? (
                    <span aria-current="page">{version.name} (shown)</span>
                  ) : (
                    <Link to={`${basePath}/${version.id}`}>{`${version.name}, version ${version.version_number}`}</Link>
                  )}
                </td>
                <td>{version.version_number}</td>
                <td>
                  <span className={`badge ${version.is_current ? 'badge-good' : 'badge-neutral'}`}>
                    {version.is_current ? 'Current' : 'Earlier version'}
                  </span>
                </td>
                <td>{teamName(version.team)}</td>
                <td>{formatDateTime(version.created_at)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
