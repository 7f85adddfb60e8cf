/** What every template version carries, whatever its kind. */
export interface VersionSummary {
  id: string;
  family_id: string;
  name: string;
  version_number: number;
  is_current: boolean;
  team: { id: string; name: string } | null;
  created_at: string;
}

export interface TemplateFamily<T extends VersionSummary> {
  familyId: string;
  /** The current version's name (a later version may rename the template). */
  name: string;
  team: string;
  versions: T[];
}

export const teamName = (team: VersionSummary['team']) => (team ? team.name : 'All teams');

/** Versions grouped into their templates: newest version first, templates by name. */
export function familiesOf<T extends VersionSummary>(versions: T[]): TemplateFamily<T>[] {
  const byFamily = new Map<string, T[]>();
  for (const version of versions)
    byFamily.set(version.family_id, [...(byFamily.get(version.family_id) ?? []), version]);
  return [...byFamily.entries()]
    .map(([familyId, members]) => {
      const sorted = [...members].sort((a, b) => b.version_number - a.version_number);
      const head = sorted.find((version) => version.is_current) ?? (sorted[0] as T);
      return { familyId, name: head.name, team: teamName(head.team), versions: sorted };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.team.localeCompare(b.team));
}
