import { ServiceError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { NotFoundError as ObjectionNotFound, ValidationError as ObjectionValidation } from 'objection';
import { pgErrorKind, type PgErrorKind } from '../../lib/pg-errors';
import { AppError, type FieldErrors } from './errors';
import { byErrorType, internalProblem, problemKindForStatus, problemTable, type ProblemKind } from './problem-table';
import type { ErrorType } from '../../contracts/errors';

export interface Problem {
  kind: ProblemKind;
  detail: string;
  errors?: FieldErrors;
  headers?: Record<string, string>;
  /** Only unexpected failures are logged with their stack. */
  unexpected: boolean;
}

/** Translates anything a handler may throw into a problem; unknown errors become a bare 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) return fromAppError(error);
  return fromDatabase(error) ?? fromTemporal(error) ?? fromHttpError(error) ?? unexpected();
}

function fromAppError(error: AppError): Problem {
  const kind = kindOf(error) ?? internalProblem;
  const errors = 'errors' in error ? (error.errors as FieldErrors) : undefined;
  return {
    kind,
    detail: error.message,
    errors,
    headers: error.headers,
    unexpected: kind.status >= 500 && kind.status !== 503,
  };
}

function kindOf(error: AppError): ProblemKind | undefined {
  for (const [type, kind] of problemTable) if (error instanceof type) return kind;
  return undefined;
}

/** How the API answers each kind of database error (lib/pg-errors.ts); other kinds are unexpected. */
const pgAnswers: Partial<Record<PgErrorKind, [number, string]>> = {
  unique: [409, 'A record with these values already exists.'],
  foreign_key: [409, 'The operation conflicts with a related record.'],
  not_null_or_check: [400, 'A value is missing or out of range.'],
  data: [400, 'A value has the wrong format or is out of range.'],
  unavailable: [503, 'The database is unavailable. Try again shortly.'],
};

function fromDatabase(error: unknown): Problem | undefined {
  if (error instanceof ObjectionNotFound) return simple(404, 'Not found.');
  if (error instanceof ObjectionValidation) return simple(400, error.message);
  const kind = pgErrorKind(error);
  const answer = kind && pgAnswers[kind];
  if (!answer) return undefined;
  const [status, detail] = answer;
  return status === 503 ? { ...simple(status, detail), headers: { 'Retry-After': '5' } } : simple(status, detail);
}

function fromTemporal(error: unknown): Problem | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    if (error.cause instanceof ApplicationFailure) return fromApplicationFailure(error.cause);
    // An activity of the Update failed for good (a refusal raised in the database layer).
    if (error.cause instanceof ActivityFailure && error.cause.cause instanceof ApplicationFailure)
      return fromApplicationFailure(error.cause.cause);
    // The workflow moved on (closed or continued) while the update ran: the caller should reload.
    return simple(409, 'The request changed state while your action ran; reload it and try again.');
  }
  if (error instanceof WorkflowNotFoundError) return simple(404, 'Not found.');
  if (error instanceof WorkflowExecutionAlreadyStartedError) return simple(409, 'This action is already in progress.');
  if (error instanceof ServiceError || isGrpcServiceError(error)) {
    return {
      ...simple(503, 'The workflow engine is unavailable. Try again shortly.'),
      headers: { 'Retry-After': '5' },
    };
  }
  return undefined;
}

/** Workflow validators and activities fail with ApplicationFailures typed from contracts/errors.ts. */
function fromApplicationFailure(failure: ApplicationFailure): Problem {
  const type = failure.type ?? '';
  const kind = Object.hasOwn(byErrorType, type) ? byErrorType[type as ErrorType] : null;
  if (!kind) return unexpected();
  const errors = (failure.details?.[0] as { errors?: FieldErrors } | undefined)?.errors;
  return { kind, detail: failure.message, errors, unexpected: false };
}

const bodyParserMessages: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is larger than the 1 MB limit.',
  'encoding.unsupported': 'The request body encoding is not supported.',
  'charset.unsupported': 'The request body charset is not supported; send UTF-8.',
};

/** The parser refuses `__proto__` keys (prototype poisoning): valid JSON, but never accepted. */
function syntaxMessage(error: SyntaxError): string {
  if (/forbidden prototype property/.test(error.message)) return 'The request body may not contain a "__proto__" key.';
  return bodyParserMessages['entity.parse.failed'] as string;
}

/** Errors from Koa middleware (body parser, koa-jwt) carry an HTTP status of their own. */
function fromHttpError(error: unknown): Problem | undefined {
  const status = (error as { status?: unknown })?.status;
  if (typeof status !== 'number' || status < 400 || status > 599) return undefined;
  const expose = (error as { expose?: boolean }).expose;
  const bodyProblem =
    error instanceof SyntaxError ? syntaxMessage(error) : bodyParserMessages[(error as { type?: string }).type ?? ''];
  const message =
    bodyProblem ?? (expose && error instanceof Error ? error.message : problemKindForStatus(status).title);
  // 501 is the router's answer to a method no route knows (TRACE, PROPFIND…): the caller's doing, not ours.
  return { ...simple(status, message), unexpected: status >= 500 && status !== 501 };
}

function simple(status: number, detail: string): Problem {
  return { kind: problemKindForStatus(status), detail, unexpected: false };
}

function unexpected(): Problem {
  return {
    kind: internalProblem,
    detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    unexpected: true,
  };
}
