import type { EventTypeChoice } from './integration-types';

export const ALL_EVENTS = '*';

/**
 * Ticking "all events" replaces any single type (the API takes ["*"] alone); ticking a single type
 * leaves "all events". The result keeps the catalogue's order, so a saved endpoint reads the same.
 */
export function toggleEventType(
  selected: readonly EventTypeChoice[],
  type: EventTypeChoice,
  on: boolean,
  catalogueOrder: readonly string[],
): EventTypeChoice[] {
  if (type === ALL_EVENTS) return on ? [ALL_EVENTS] : [];
  const rest = selected.filter((item) => item !== ALL_EVENTS && item !== type);
  const next = on ? [...rest, type] : rest;
  const rank = (item: string) => {
    const index = catalogueOrder.indexOf(item);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return next.sort((a, b) => rank(a) - rank(b));
}

/** "All events" or the types, for a table cell. */
export function describeEventTypes(types: readonly string[]): string {
  if (types.includes(ALL_EVENTS)) return 'All events';
  return types.length ? types.join(', ') : 'None';
}
