import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { NotFoundError as ObjectionNotFound } from 'objection';
import { ConflictError, ForbiddenError, RateLimitedError, ValidationError } from '../../api/http/errors';
import { toProblem } from '../../api/http/to-problem';

const statusOf = (error: unknown) => toProblem(error).kind.status;
const pgError = (code: string) => Object.assign(new Error('pg'), { code });

describe('the error → status table', () => {
  it('maps application errors', () => {
    expect(statusOf(ValidationError.field('name', 'bad'))).toBe(400);
    expect(toProblem(ValidationError.field('name', 'bad')).errors).toEqual({ name: ['bad'] });
    expect(statusOf(new ForbiddenError())).toBe(403);
    expect(statusOf(new ConflictError('wrong state'))).toBe(409);
    const limited = toProblem(new RateLimitedError(12.2));
    expect(limited.kind.status).toBe(429);
    expect(limited.headers).toEqual({ 'Retry-After': '13' });
  });

  it('maps PostgreSQL and Objection errors without leaking their text', () => {
    expect(statusOf(pgError('23505'))).toBe(409);
    expect(statusOf(pgError('22P02'))).toBe(400);
    expect(statusOf(pgError('ECONNREFUSED'))).toBe(503);
    expect(statusOf(pgError('57P01'))).toBe(503);
    // The server stopped under a running query: node-postgres gives no code, knex prefixes the SQL.
    expect(statusOf(new Error('select "id" from "users" where "id" = $1 - Connection terminated unexpectedly'))).toBe(
      503,
    );
    expect(toProblem(new Error('Connection terminated unexpectedly')).unexpected).toBe(false);
    expect(statusOf(new ObjectionNotFound({}))).toBe(404);
    expect(toProblem(pgError('23505')).detail).not.toContain('pg');
  });

  it('maps Temporal errors: validator failures by type, missing workflows, unreachable server', () => {
    const refused = new WorkflowUpdateFailedError(
      'refused',
      ApplicationFailure.create({ message: 'Not your step', type: 'ForbiddenError' }),
    );
    expect(toProblem(refused)).toMatchObject({ kind: { status: 403 }, detail: 'Not your step' });
    expect(statusOf(new WorkflowNotFoundError('gone', 'wf', undefined))).toBe(404);
    expect(statusOf(Object.assign(new Error('unavailable'), { code: 14, details: 'x', metadata: {} }))).toBe(503);
  });

  it('turns anything unknown into a bare 500 that is logged', () => {
    const problem = toProblem(new TypeError('x is undefined'));
    expect(problem).toMatchObject({ kind: { status: 500 }, unexpected: true });
    expect(problem.detail).not.toContain('undefined');
  });
});
