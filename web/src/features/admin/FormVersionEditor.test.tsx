import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { FormTemplate } from './admin-queries';
import { FormVersionEditor } from './FormVersionEditor';

const put = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, api: { PUT: (...args: unknown[]) => put(...args) } };
});

const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });

const template: FormTemplate = {
  id: 'f1',
  family_id: 'f1',
  name: 'Standard Purchase Form',
  version_number: 1,
  is_current: true,
  team: null,
  created_at: '2026-01-01T00:00:00Z',
  required_attachment_categories: [],
  fields: [
    {
      id: 'a',
      field_id: 'budget_code',
      name: 'Budget code',
      field_type: 'TEXT',
      required: true,
      order: 1,
      options: [],
    },
    { id: 'b', field_id: 'needed_by', name: 'Needed by', field_type: 'DATE', required: false, order: 2, options: [] },
  ],
};

function renderEditor(onPublished = jest.fn()) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <h2 id="new-version-heading">Create a new version</h2>
      <FormVersionEditor template={template} onPublished={onPublished} onCancel={jest.fn()} />
    </QueryClientProvider>,
  );
  return onPublished;
}

beforeEach(() => put.mockReset());

it('adds a choice field, removes one, and publishes the whole template as the next version', async () => {
  const answer = { ...template, id: 'f2', version_number: 2 };
  put.mockResolvedValue({ data: answer, response: response(201) });
  const onPublished = renderEditor();
  expect(screen.getAllByRole('group').map((group) => group.querySelector('legend')?.textContent)).toEqual([
    'Field 1',
    'Field 2',
  ]);
  fireEvent.click(screen.getByRole('button', { name: 'Remove field 2' }));
  fireEvent.click(screen.getByRole('button', { name: 'Add a field' }));
  const added = screen.getByRole('group', { name: 'Field 2' });
  fireEvent.change(within(added).getByLabelText(/^Field id/), { target: { value: 'urgency' } });
  fireEvent.change(within(added).getByLabelText(/^Label/), { target: { value: 'Urgency' } });
  fireEvent.change(within(added).getByLabelText('Type'), { target: { value: 'SELECT' } });
  fireEvent.change(within(added).getByLabelText(/^Options/), { target: { value: 'low\nhigh\n' } });
  fireEvent.click(within(added).getByLabelText('Required'));
  fireEvent.click(screen.getByRole('button', { name: 'Move up field 2' }));
  fireEvent.click(screen.getByRole('button', { name: 'Publish new version' }));

  await screen.findByRole('button', { name: 'Publish new version' });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(put).toHaveBeenCalledWith('/api/prs/form-templates/{id}/', {
    params: { path: { id: 'f1' } },
    body: {
      name: 'Standard Purchase Form',
      team: null,
      fields: [
        {
          field_id: 'urgency',
          name: 'Urgency',
          field_type: 'SELECT',
          required: true,
          order: 1,
          options: ['low', 'high'],
        },
        { field_id: 'budget_code', name: 'Budget code', field_type: 'TEXT', required: true, order: 2 },
      ],
      required_attachment_categories: [],
    },
  });
  expect(onPublished).toHaveBeenCalledWith(answer);
});

it('marks rows the API would refuse and sends nothing', () => {
  renderEditor();
  fireEvent.click(screen.getByRole('button', { name: 'Add a field' }));
  const added = screen.getByRole('group', { name: 'Field 3' });
  fireEvent.change(within(added).getByLabelText(/^Field id/), { target: { value: 'budget_code' } });
  fireEvent.click(screen.getByRole('button', { name: 'Publish new version' }));
  expect(within(added).getByText('Field ids must be unique within a template.')).toBeTruthy();
  expect(
    within(added)
      .getByLabelText(/^Label/)
      .getAttribute('aria-invalid'),
  ).toBe('true');
  expect(screen.getByRole('alert').textContent).toMatch(/need attention/);
  expect(put).not.toHaveBeenCalled();
});

it("shows the API's field errors on the row they name", async () => {
  put.mockResolvedValue({
    error: {
      type: 'about:blank',
      title: 'Bad request',
      status: 400,
      detail: 'The request body is invalid.',
      request_id: 'x',
      errors: { 'fields.1.name': ['Ensure this field has at most 200 characters.'] },
    },
    response: response(400),
  });
  renderEditor();
  fireEvent.click(screen.getByRole('button', { name: 'Publish new version' }));
  const second = screen.getByRole('group', { name: 'Field 2' });
  expect(await within(second).findByText('Ensure this field has at most 200 characters.')).toBeTruthy();
});
