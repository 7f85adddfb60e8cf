import type { RequestDetail, WorkflowTemplate } from './request-types';

export type StepState = 'done' | 'current' | 'to-come' | 'skipped';

export interface StepView {
  id: string;
  order: number;
  name: string;
  state: StepState;
  financeReview: boolean;
  /** Who approved it in the current round. */
  approvedBy: string[];
  /** Who it waits for, when current. */
  waitingFor: string[];
  role: string;
}

/**
 * The approval chain as a stepper: steps approved this round are done, the request's current step is
 * current (with its pending approvers), steps whose min_amount the amount does not reach are skipped,
 * the rest are to come. A completed request has every applicable step done.
 */
export function approvalSteps(request: RequestDetail, workflow: WorkflowTemplate): StepView[] {
  const round = request.round;
  const currentId = request.current_template_step?.id;
  const completed = request.status.code === 'COMPLETED';
  const approvals = request.approval_history.filter(
    (entry) => entry.round === round && (entry.action === 'APPROVE' || entry.action === 'COMPLETE'),
  );
  return [...workflow.steps]
    .sort((a, b) => a.step_order - b.step_order)
    .map((step) => {
      const approvedBy = approvals
        .filter((entry) => entry.template_step?.id === step.id)
        .map((entry) => entry.approver?.username ?? 'an integration');
      const below = step.min_amount !== null && Number(request.amount) < Number(step.min_amount);
      let state: StepState;
      if (step.id === currentId && !completed) state = 'current';
      else if (approvedBy.length > 0 || (completed && !below)) state = 'done';
      else if (below) state = 'skipped';
      else state = 'to-come';
      return {
        id: step.id,
        order: step.step_order,
        name: step.step_name,
        state,
        financeReview: step.is_finance_review,
        approvedBy,
        waitingFor: state === 'current' ? request.pending_approvers.map((approver) => approver.username) : [],
        role: step.approvers.map((approver) => approver.role.name).join(', ') || step.approver_role,
      };
    });
}
