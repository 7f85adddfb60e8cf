import { ApiError, fieldErrorsOf } from '../../api/problem';
import { describeScope, passwordDraftErrors } from './profile-forms';

describe('passwordDraftErrors', () => {
  it('accepts a filled form whose new passwords match', () => {
    expect(passwordDraftErrors({ current: 'old-pass', next: 'a-new-passphrase', confirm: 'a-new-passphrase' })).toEqual(
      {},
    );
  });

  it('asks for every box and a matching confirmation', () => {
    expect(passwordDraftErrors({ current: '', next: '', confirm: '' })).toEqual({
      current: ['Enter your current password.'],
      next: ['Enter a new password.'],
    });
    expect(passwordDraftErrors({ current: 'a', next: 'bbbbbbbbbbbb', confirm: 'bbbbbbbbbbbc' })).toEqual({
      confirm: ['The two new passwords differ.'],
    });
  });

  it('refuses the same password again', () => {
    expect(passwordDraftErrors({ current: 'same-pass', next: 'same-pass', confirm: 'same-pass' }).next).toEqual([
      'The new password must differ from the current one.',
    ]);
  });
});

it('reads field errors only from API refusals', () => {
  const refusal = new ApiError(400, {
    type: 'about:blank',
    title: 'Bad request',
    status: 400,
    detail: 'Invalid.',
    request_id: 'x',
    errors: { old_password: ['Wrong.'] },
  });
  expect(fieldErrorsOf(refusal)).toEqual({ old_password: ['Wrong.'] });
  expect(fieldErrorsOf(new Error('boom'))).toEqual({});
});

it('names a scope with its team or every team', () => {
  expect(describeScope({ role: { name: 'Manager' }, team: { name: 'Marketing' } })).toBe('Manager — Marketing');
  expect(describeScope({ role: { name: 'Finance reviewer' }, team: null })).toBe('Finance reviewer — every team');
});
