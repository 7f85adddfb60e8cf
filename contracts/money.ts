// Workflow-safe money arithmetic on decimal strings: never a float (domain.md).

import { toThousandths } from './quantities';

/** "1234.5" → 123450n cents; at most two decimals are read. */
export function toCents(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace(/^-/, '').split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function compareMoney(a: string, b: string): number {
  const diff = toCents(a) - toCents(b);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

/** quantity (up to 3 decimals) × unit price, rounded half up to the cent. */
export function lineTotal(quantity: string, unitPrice: string): string {
  return fromCents((toThousandths(quantity) * toCents(unitPrice) + 500n) / 1000n);
}

export function sumMoney(values: string[]): string {
  return fromCents(values.reduce((sum, value) => sum + toCents(value), 0n));
}

/** amount × rate (a decimal string with up to 6 places), rounded half up to the cent. */
export function convertMoney(amount: string, rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.');
  const micro = BigInt(whole || '0') * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
  return fromCents((toCents(amount) * micro + 500_000n) / 1_000_000n);
}
