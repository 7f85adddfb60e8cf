/** ISO 4217 codes as the platform knows them (Node's ICU data): a code outside this list is refused. */
export const isoCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isIsoCurrency(code: string): boolean {
  return isoCurrencies.has(code);
}
