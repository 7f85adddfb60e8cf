import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { stateQuery, type PurchaseRequestInput, type RequestState } from '../contracts/purchase-requests';
import { ApprovalRun } from './purchase-request/approval-run';
import { registerDecisions } from './purchase-request/decisions';

const DEFAULT_HISTORY_LIMIT = 5_000;

/**
 * One purchase request from its first submit to completion or withdrawal (workflows.md): rounds of
 * approval steps, AND logic per step, reminders and escalation on durable timers, finance review.
 * Every decision arrives as an Update whose validator refuses the wrong person or state without
 * touching history; accepted ones persist through activities and answer what the workflow decided.
 *
 * The state and its rules: purchase-request/approval-state.ts; steps, timers and escalation:
 * approval-run.ts; the Updates: decisions.ts; patch ids: patches.ts.
 */
export async function purchaseRequestWorkflow(input: PurchaseRequestInput): Promise<RequestState> {
  const run = new ApprovalRun(input);
  const s = run.state;
  setHandler(stateQuery, () => s.view());
  registerDecisions(run);

  await condition(() => s.roundRequested || s.status === 'CANCELLED');
  while (s.status !== 'CANCELLED') {
    s.roundRequested = false;
    const outcome = await run.runRound();
    if (outcome !== 'rejected') break;
    s.clearTimers();
    if (shouldContinueAsNew(input.historyLimit)) {
      // A quiet point: the round has ended; the rejection has been answered; once its e-mails are out
      // and no handler runs, the next run takes over. A resubmit or withdrawal meanwhile goes first.
      const quiet = () => (allHandlersFinished() && run.mail.idle) || s.roundRequested || s.status === 'CANCELLED';
      await run.settleUntil(quiet);
      if (!s.roundRequested && s.status === 'REJECTED') {
        const { status, round, amount, stepSequence, rejectionComment } = s;
        const operationSequence = run.keys.sequence;
        await continueAsNew<typeof purchaseRequestWorkflow>({
          ...input,
          carried: { status, round, amount, stepSequence, operationSequence, rejectionComment },
        });
      }
    }
    await run.settleUntil(() => s.roundRequested || s.status === 'CANCELLED');
  }
  s.clearTimers();
  // Answer the last Update first; the e-mails it caused may still be retrying against SMTP.
  await run.settleUntil(allHandlersFinished);
  await run.mail.drained();
  return s.view();
}

function shouldContinueAsNew(limit = DEFAULT_HISTORY_LIMIT): boolean {
  return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit;
}
