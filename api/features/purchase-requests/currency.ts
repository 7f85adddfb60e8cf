import type { Routing } from '../../../db/repositories/request-checks';
import { ValidationError } from '../../http/errors';

/**
 * Approval thresholds are in the deployment's DEFAULT_CURRENCY; a request in another currency can be
 * routed only at a configured rate (CURRENCY_RATES). Anything else is refused when the request is
 * created or edited, before it could meet a threshold as if the amounts were comparable.
 */
export function requireRoutableCurrency(currency: string, routing: Routing): void {
  if (currency === routing.currency || Object.hasOwn(routing.rates, currency)) return;
  const accepted = [routing.currency, ...Object.keys(routing.rates)].join(', ');
  throw ValidationError.field(
    'currency',
    `Approval thresholds are in ${routing.currency} and no exchange rate is configured for ${currency}; use one of: ${accepted}.`,
  );
}
