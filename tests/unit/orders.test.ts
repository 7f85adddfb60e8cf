import { ApplicationFailure } from '@temporalio/common';
import { fromCents, lineTotal, sumMoney, toCents } from '../../contracts/money';
import { orderStatuses, orderTransitions } from '../../contracts/purchase-orders';
import { checkShip, checkStatusChange } from '../../workflows/purchase-order.rules';

const manager = { id: 'paula', mayManage: true };
const outcome = (check: () => void) => {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type;
    throw error;
  }
};

describe('order money', () => {
  it('multiplies quantities by prices to the cent, rounding half up, and sums exactly', () => {
    expect(lineTotal('4', '249.50')).toBe('998.00');
    expect(lineTotal('2.5', '0.99')).toBe('2.48');
    expect(lineTotal('0.001', '0.01')).toBe('0.00');
    expect(lineTotal('3', '0.10')).toBe('0.30');
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30'); // 0.1 + 0.2 without floats
    expect(fromCents(toCents('12345678901234.56'))).toBe('12345678901234.56');
  });
});

describe('order transitions', () => {
  it('allows exactly the transitions of domain.md to managers, and refuses others 403', () => {
    for (const from of orderStatuses) {
      for (const to of orderStatuses) {
        const expected =
          to === 'shipped' ? 'ConflictError' : orderTransitions[from].includes(to) ? 'ok' : 'ConflictError';
        expect({ from, to, result: outcome(() => checkStatusChange(from, manager, to)) }).toEqual({
          from,
          to,
          result: expected,
        });
        expect(outcome(() => checkStatusChange(from, { id: 'alice', mayManage: false }, to))).toBe('ForbiddenError');
      }
    }
    expect(outcome(() => checkShip('processing', manager))).toBe('ok');
    expect(outcome(() => checkShip('confirmed', manager))).toBe('ConflictError');
  });
});
