/** The numbers behind the dashboard's bar charts: pure, so they are tested without a DOM. */

export type BarTone = 'brand' | 'good' | 'bad' | 'muted';

export interface BarDatum {
  label: string;
  value: number;
  tone?: BarTone;
}

export interface Scale {
  /** The axis ends here: a round number at or above the largest value. */
  top: number;
  /** The values the axis marks, from 0 to `top`. */
  ticks: number[];
}

/** Floating-point noise off: 0.1 + 0.2 reads 0.3 on an axis. */
const tidy = (value: number) => Number(value.toPrecision(12));

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return tidy(nice * power);
}

/**
 * An axis from 0 to a round number covering `max`, with about `targetTicks` steps. Counts get whole
 * steps (no "0.5 requests"); an empty or all-zero chart still gets an axis from 0 to 1.
 */
export function scaleFor(max: number, { integer = false, targetTicks = 4 } = {}): Scale {
  const high = Number.isFinite(max) && max > 0 ? max : 0;
  let step = niceStep(high / Math.max(1, targetTicks));
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = high === 0 ? step : tidy(Math.ceil(tidy(high / step)) * step);
  const ticks: number[] = [];
  for (let index = 0; tidy(index * step) <= top; index += 1) ticks.push(tidy(index * step));
  return { top, ticks };
}

/** A bar's length in pixels on an axis of `length` pixels ending at `top`; never negative or past the end. */
export function barLength(value: number, top: number, length: number): number {
  if (!(top > 0) || !(value > 0)) return 0;
  return Math.min(length, (value / top) * length);
}

/** The sentence a screen reader hears for the chart: its title and every value, in order. */
export function summarise(title: string, data: BarDatum[], format: (value: number) => string = String): string {
  if (data.length === 0) return `${title}: no data.`;
  return `${title}: ${data.map((datum) => `${datum.label} ${format(datum.value)}`).join(', ')}.`;
}

/**
 * A `{ code: count }` map as bars: the codes of `order` first in that order (zeros included, so a
 * chart's shape stays the same from period to period), then any other code the API sent.
 */
export function barsFromCounts(
  counts: Record<string, number>,
  order: readonly string[],
  label: (code: string) => string,
): BarDatum[] {
  const extra = Object.keys(counts)
    .filter((code) => !order.includes(code))
    .sort();
  return [...order, ...extra].map((code) => ({ label: label(code), value: counts[code] ?? 0 }));
}

/** "98.5 %" from 0.985; a dash when there is nothing to divide. */
export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${tidy(Math.round(rate * 1000) / 10)} %`;
}

/** Text that fits about `width` pixels at the chart's font size, with an ellipsis when cut. */
export function fitText(text: string, width: number, charWidth = 7): string {
  const room = Math.max(1, Math.floor(width / charWidth));
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
}
