import type { operations } from '../../api/schema';

export interface RegistrationDraft {
  organisation: string;
  domain: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  confirm: string;
}

type Body = operations['register']['requestBody']['content']['application/json'];

/** What the form can tell before asking the API (which checks everything again). */
export function validateRegistration(draft: RegistrationDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) errors.email = ['Enter your e-mail address.'];
  if (draft.password.length < 10) errors.password = ['Use at least 10 characters.'];
  if (draft.confirm !== draft.password) errors.confirm = ['The two passwords do not match.'];
  if (draft.domain.trim() && !draft.organisation.trim())
    errors.organisation = ['Name the organisation of this domain.'];
  return errors;
}

/** The API's body: empty optional fields are left out. */
export function registrationBody(draft: RegistrationDraft): Body {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    email: draft.email.trim(),
    password: draft.password,
    password_confirm: draft.confirm,
    first_name: optional(draft.firstName),
    last_name: optional(draft.lastName),
    tenant_name: optional(draft.organisation),
    tenant_domain: optional(draft.domain)?.toLowerCase(),
  };
}
