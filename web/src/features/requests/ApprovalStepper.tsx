import type { StepView } from './approval-steps';

const STATE_TEXT: Record<StepView['state'], string> = {
  done: 'Done',
  current: 'Current step',
  'to-come': 'To come',
  skipped: 'Skipped (below its amount)',
};

/** The approval chain: done, current with who it waits for, to come, skipped. Words, not only colour. */
export function ApprovalStepper({ steps }: { steps: StepView[] }) {
  return (
    <ol className="stepper" aria-label="Approval steps">
      {steps.map((step) => (
        <li key={step.id} className={step.state} aria-current={step.state === 'current' ? 'step' : undefined}>
          <strong>
            {step.order}. {step.name}
          </strong>{' '}
          <span className="muted">({step.financeReview ? 'finance review' : step.role})</span>
          <br />
          <span>{STATE_TEXT[step.state]}</span>
          {step.approvedBy.length > 0 ? <span> · approved by {step.approvedBy.join(', ')}</span> : null}
          {step.waitingFor.length > 0 ? <span> · waiting for {step.waitingFor.join(', ')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
