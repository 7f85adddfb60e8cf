export interface PasswordDraft {
  current: string;
  next: string;
  confirm: string;
}

/**
 * What the browser can say before asking the API: every box filled, the two new passwords alike.
 * Strength is the API's call (it knows the rules and the person's names); its answer is shown too.
 */
export function passwordDraftErrors(draft: PasswordDraft): Partial<Record<keyof PasswordDraft, string[]>> {
  const errors: Partial<Record<keyof PasswordDraft, string[]>> = {};
  if (!draft.current) errors.current = ['Enter your current password.'];
  if (!draft.next) errors.next = ['Enter a new password.'];
  else if (draft.next === draft.current) errors.next = ['The new password must differ from the current one.'];
  if (draft.next && draft.confirm !== draft.next) errors.confirm = ['The two new passwords differ.'];
  return errors;
}

/** A role with the team it covers: "Manager — Marketing", "Finance reviewer — every team". */
export function describeScope(scope: { role: { name: string }; team: { name: string } | null }): string {
  return `${scope.role.name} — ${scope.team ? scope.team.name : 'every team'}`;
}
