import type { components } from '../../api/schema';

export type Tenant = components['schemas']['Tenant'];

export const tenantKeys = {
  all: ['tenants'] as const,
  list: (query: object) => ['tenants', 'list', query] as const,
  one: (id: string) => ['tenants', 'detail', id] as const,
};

/** The time zones the browser knows (the API checks against the same IANA list). */
export function timeZones(): string[] {
  const known = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return known.includes('UTC') ? known : ['UTC', ...known];
}

export const languages: Array<[string, string]> = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['it', 'Italiano'],
  ['nl', 'Nederlands'],
];

export const currencies = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN'];
