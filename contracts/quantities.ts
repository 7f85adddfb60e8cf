// Workflow-safe quantity arithmetic on decimal strings with up to three places: never a float.

/** "12.5" → 12500n thousandths; at most three decimals are read. */
export function toThousandths(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace(/^-/, '').split('.');
  const thousandths = BigInt(whole || '0') * 1000n + BigInt((fraction + '000').slice(0, 3));
  return negative ? -thousandths : thousandths;
}

/** 12500n → "12.500" (always three places, as the database answers). */
export function fromThousandths(thousandths: bigint): string {
  const negative = thousandths < 0n;
  const abs = negative ? -thousandths : thousandths;
  return `${negative ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
}

/** a − b, as a quantity string. */
export const subtractQuantities = (a: string, b: string): string =>
  fromThousandths(toThousandths(a) - toThousandths(b));

export function compareQuantities(a: string, b: string): number {
  const diff = toThousandths(a) - toThousandths(b);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

/** −q, for the issuing side of a movement. */
export const negateQuantity = (value: string): string => fromThousandths(-toThousandths(value));
