import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '../../contracts/errors';
import { decidingOwnRequest, notAnOrderManager, notTheRequestor } from '../../contracts/request-guards';
import { checkShip } from '../../workflows/purchase-order.rules';
import { errorForRefusal, ForbiddenError, throwIf } from '../../api/http/errors';
import { byErrorType } from '../../api/http/problem-table';
import { toProblem } from '../../api/http/to-problem';
import { refuseIf } from '../../workflows/purchase-request.rules';

describe('one error vocabulary', () => {
  it('answers every type of the vocabulary from one table', () => {
    expect(Object.keys(byErrorType).sort()).toEqual(Object.values(ErrorType).sort());
    expect(byErrorType[ErrorType.Conflict]?.status).toBe(409);
    expect(byErrorType[ErrorType.Forbidden]?.status).toBe(403);
    expect(byErrorType[ErrorType.NotFound]?.status).toBe(404);
    expect(byErrorType[ErrorType.Validation]?.status).toBe(400);
  });

  it('answers a workflow failure by its type, and a defect or an unknown type as a bare 500', () => {
    const failure = (type: string) => ApplicationFailure.create({ type, message: 'm', nonRetryable: true });
    expect(toProblem(new Error('anything else')).kind.status).toBe(500);
    for (const [type, status] of [
      [ErrorType.Conflict, 409],
      [ErrorType.InvalidTemplate, 500],
      ['SomethingElse', 500],
      ['toString', 500],
    ] as const) {
      const error = new WorkflowUpdateFailedError('update failed', failure(type));
      expect([type, toProblem(error).kind.status]).toEqual([type, status]);
    }
  });

  it('refuses a requestor deciding their own request alike in the API and in the workflow', () => {
    const refusal = decidingOwnRequest('alice', 'alice', 'approve');
    expect(refusal).toEqual({ type: ErrorType.Forbidden, message: 'You cannot approve your own request.' });
    expect(decidingOwnRequest('alice', 'bob', 'approve')).toBeNull();
    const apiError = errorForRefusal(refusal!);
    expect(apiError).toBeInstanceOf(ForbiddenError);
    let workflowFailure: unknown;
    try {
      refuseIf(refusal);
    } catch (error) {
      workflowFailure = error;
    }
    expect(workflowFailure).toBeInstanceOf(ApplicationFailure);
    expect((workflowFailure as ApplicationFailure).type).toBe(ErrorType.Forbidden);
    expect((workflowFailure as ApplicationFailure).message).toBe(apiError.message);
  });

  it('lets only the requestor act as the requestor', () => {
    expect(() => throwIf(notTheRequestor('alice', 'bob', 'withdraw'))).toThrow(
      'Only the requestor can withdraw this request.',
    );
    expect(() => throwIf(notTheRequestor('alice', 'alice', 'withdraw'))).not.toThrow();
  });

  it('refuses an order change by someone who does not manage orders alike in the API and in the workflow', () => {
    const refusal = notAnOrderManager(false);
    expect(notAnOrderManager(true)).toBeNull();
    expect(() => throwIf(refusal)).toThrow(ForbiddenError);
    expect(() => checkShip('processing', { id: 'bob', mayManage: false })).toThrow(refusal!.message);
  });
});
