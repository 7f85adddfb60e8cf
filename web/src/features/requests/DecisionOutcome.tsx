import { Link } from 'react-router';
import { StatusBadge } from '../../ui/components';
import type { RequestDecision } from './request-types';

export interface Outcome {
  subject: string;
  action: 'approved' | 'rejected' | 'completed';
  answer: RequestDecision;
}

/**
 * What the workflow decided, as the API answered: kept by the page, because the request may leave the
 * list it was decided from (web.md principle 5: never an optimistic guess).
 */
export function DecisionOutcomes({ outcomes }: { outcomes: Outcome[] }) {
  return (
    <div role="status" aria-live="polite">
      {outcomes.map(({ subject, action, answer }) => (
        <p key={`${answer.id}-${action}`} className="notice">
          You {action} “<Link to={`/requests/${answer.id}`}>{subject}</Link>”. It is now{' '}
          <StatusBadge code={answer.status.code} label={answer.status.name} />
          {answer.current_template_step ? ` at “${answer.current_template_step.step_name}”` : ''}
          {answer.purchase_order ? (
            <>
              {' '}
              and purchase order <Link to={`/orders/${answer.purchase_order.id}`}>
                {answer.purchase_order.number}
              </Link>{' '}
              is open
            </>
          ) : null}
          .
        </p>
      ))}
    </div>
  );
}
