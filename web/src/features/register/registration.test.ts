import { registrationBody, validateRegistration, type RegistrationDraft } from './registration';

const draft: RegistrationDraft = {
  organisation: ' Acme ',
  domain: ' ACME.example ',
  firstName: 'Ines',
  lastName: '',
  email: ' ines@acme.example ',
  password: 'a-long-and-unusual-passphrase',
  confirm: 'a-long-and-unusual-passphrase',
};

describe('the registration form', () => {
  it('sends trimmed values, a lower-case domain, and leaves empty optional fields out', () => {
    expect(registrationBody(draft)).toEqual({
      email: 'ines@acme.example',
      password: draft.password,
      password_confirm: draft.confirm,
      first_name: 'Ines',
      last_name: undefined,
      tenant_name: 'Acme',
      tenant_domain: 'acme.example',
    });
    expect(registrationBody({ ...draft, organisation: '', domain: '' })).toMatchObject({
      tenant_name: undefined,
      tenant_domain: undefined,
    });
  });

  it('tells what it can before asking the API', () => {
    expect(validateRegistration(draft)).toEqual({});
    expect(validateRegistration({ ...draft, email: 'ines', password: 'short', confirm: 'other' })).toEqual({
      email: ['Enter your e-mail address.'],
      password: ['Use at least 10 characters.'],
      confirm: ['The two passwords do not match.'],
    });
    expect(validateRegistration({ ...draft, organisation: '' })).toEqual({
      organisation: ['Name the organisation of this domain.'],
    });
  });
});
