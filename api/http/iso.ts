/** ISO-8601 UTC for answers (api.md), or null when there is no time. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value ? new Date(value).toISOString() : null;

/** ISO-8601 UTC of a time that is always present. */
export const isoTime = (value: Date | string): string => new Date(value).toISOString();
