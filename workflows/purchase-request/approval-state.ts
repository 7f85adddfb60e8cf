// Workflow-safe: what a purchase request's workflow knows, and the answers it derives from it.
import {
  approvalStatuses,
  type Approver,
  type CarriedState,
  type RequestState,
  type StepSnapshot,
} from '../../contracts/purchase-requests';
import type { Facts } from '../purchase-request.rules';

export type StepOutcome = 'approved' | 'rejected' | 'withdrawn' | 'completed' | 'restart';
/** How a round ends once a step can no longer go on. */
export type RoundOutcome = Exclude<StepOutcome, 'approved' | 'restart'>;

/**
 * The state of one request's approval: plain fields and pure questions about them, no activities and
 * no timers, so every rule the workflow follows can be read (and tested) in one place.
 */
export class ApprovalState {
  status: RequestState['status'];
  round: number;
  amount: string;
  stepSequence: number;
  step: StepSnapshot | null = null;
  approvers: Approver[] = [];
  /** Accepted by a validator: a second try by the same person is refused at once. */
  readonly claimed = new Set<string>();
  /** Persisted approvals of the current step. */
  readonly recorded = new Set<string>();
  escalated = false;
  remindAt: number | null = null;
  escalateAt: number | null = null;
  rejectionComment: string | null;
  completedAt: string | null = null;
  purchaseOrder: { id: string; number: string; confirmTimeoutHours: number } | null = null;
  roundRequested = false;
  restartRequested = false;
  /** The step's last approval is in; until the next step starts nobody may withdraw or reject. */
  advancing = false;
  /** Handlers wait until the main loop has acted on their change, so each Update answers the new state. */
  changes = 0;
  settled = 0;

  constructor(
    readonly requestId: string,
    readonly requestorId: string,
    carried?: CarriedState,
  ) {
    this.status = carried?.status ?? 'DRAFT';
    this.round = carried?.round ?? 0;
    this.amount = carried?.amount ?? '0';
    this.stepSequence = carried?.stepSequence ?? 0;
    this.rejectionComment = carried?.rejectionComment ?? null;
  }

  /** What the rules judge a decision against. */
  facts(): Facts {
    return {
      status: this.status,
      step: this.step,
      approvers: this.approvers,
      claimed: this.claimed,
      requestorId: this.requestorId,
      advancing: this.advancing,
    };
  }

  view(): RequestState {
    const step = this.step;
    return {
      requestId: this.requestId,
      status: this.status,
      round: this.round,
      currentStep: step
        ? { id: step.id, stepName: step.stepName, stepOrder: step.stepOrder, isFinanceReview: step.isFinanceReview }
        : null,
      pendingApprovers: this.pendingApprovers(),
      approvedBy: [...this.recorded],
      escalated: this.escalated,
      remindAt: this.remindAt === null ? null : new Date(this.remindAt).toISOString(),
      escalateAt: this.escalateAt === null ? null : new Date(this.escalateAt).toISOString(),
      rejectionComment: this.rejectionComment,
      completedAt: this.completedAt,
      purchaseOrder: this.purchaseOrder ? { id: this.purchaseOrder.id, number: this.purchaseOrder.number } : null,
    };
  }

  pendingApprovers(): Approver[] {
    if (!this.step || !(approvalStatuses.includes(this.status) || this.status === 'FINANCE_REVIEW')) return [];
    return this.approvers.filter((approver) => !this.recorded.has(approver.id));
  }

  /** Every approver by role has approved, or an escalation approver decided for them (AND per step). */
  stepOutcome(): StepOutcome | null {
    if (this.status === 'CANCELLED') return 'withdrawn';
    if (this.status === 'REJECTED') return 'rejected';
    if (this.status === 'COMPLETED') return 'completed';
    if (this.restartRequested) return 'restart';
    if (!this.step || this.step.isFinanceReview) return null;
    const byRole = this.approvers.filter((a) => a.reason === 'role');
    const escalationDecided = this.approvers.some((a) => a.reason === 'escalation' && this.recorded.has(a.id));
    const allApproved = byRole.length > 0 && byRole.every((a) => this.recorded.has(a.id));
    return allApproved || escalationDecided ? 'approved' : null;
  }

  /** Still deciding this step? A decision queued ahead of a timer or a transition wins. */
  stillOpen(step: StepSnapshot): boolean {
    return this.stepOutcome() === null && this.step === step;
  }

  /** Nobody left who may decide the step by role or by escalation. */
  nobodyToDecide(): boolean {
    return !this.approvers.some((a) => a.reason === 'role') && !this.approvers.some((a) => a.reason === 'escalation');
  }

  get ended(): boolean {
    return this.status === 'CANCELLED' || this.status === 'REJECTED' || this.status === 'COMPLETED';
  }

  /** The earlier of the step's reminder and escalation timers. */
  nextDeadline(): number | null {
    const candidates = [this.remindAt, this.escalateAt].filter((t): t is number => t !== null);
    return candidates.length ? Math.min(...candidates) : null;
  }

  /** Arms the step's timers from its template, counted from `now`. */
  armTimers(step: StepSnapshot, now: number): void {
    this.remindAt = step.remindAfterHours === null ? null : now + step.remindAfterHours * 3_600_000;
    this.escalateAt = step.escalateAfterHours === null ? null : now + step.escalateAfterHours * 3_600_000;
  }

  clearTimers(): void {
    this.remindAt = this.escalateAt = null;
  }
}
