import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { DecisionPanel } from './DecisionPanel';

const post = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, api: { POST: (...args: unknown[]) => post(...args) } };
});

function renderPanel(onDecided = jest.fn()) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DecisionPanel requestId="r1" subject="Laptops" onDecided={onDecided} />
    </QueryClientProvider>,
  );
  return onDecided;
}

/** What openapi-fetch hands back; jsdom has no fetch Response, and unwrap reads only these. */
const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });
const problem = (status: number, detail: string, errors?: Record<string, string[]>) => ({
  error: { type: 'about:blank', title: 'Refused', status, detail, request_id: 'x', errors },
  response: response(status),
});

beforeEach(() => post.mockReset());

it('counts the comment as it is typed and says what a rejection needs', () => {
  renderPanel();
  fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'Too much' } });
  expect(screen.getByText('8 characters — a rejection needs at least 10')).toBeTruthy();
  fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'Too expensive now' } });
  expect(screen.getByText('17 characters')).toBeTruthy();
});

it("shows the API's refusal next to the buttons and reports nothing decided", async () => {
  post.mockResolvedValue(
    problem(400, 'The request body is invalid.', { comment: ['Ensure this field has at least 10 characters.'] }),
  );
  const onDecided = renderPanel();
  fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'No' } });
  fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toBe('The request body is invalid. Comment: Ensure this field has at least 10 characters.');
  expect(post).toHaveBeenCalledWith(
    '/api/prs/requests/{id}/reject/',
    expect.objectContaining({ body: { comment: 'No' } }),
  );
  expect(onDecided).not.toHaveBeenCalled();
});

it("reports the workflow's answer, not a guess", async () => {
  const answer = { id: 'r1', status: { code: 'IN_REVIEW', name: 'In Review' } };
  post.mockResolvedValue({ data: answer, response: response(200) });
  const onDecided = renderPanel();
  fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
  await screen.findByRole('button', { name: 'Approve' });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(onDecided).toHaveBeenCalledWith({ subject: 'Laptops', action: 'approved', answer });
  const [, options] = post.mock.calls[0] as [string, { params: { header: Record<string, string> } }];
  expect(options.params.header['Idempotency-Key']).toMatch(/^web-[0-9a-f]{32}$/);
});
