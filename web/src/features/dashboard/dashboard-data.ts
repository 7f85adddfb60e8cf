import type { components } from '../../api/schema';
import { barsFromCounts, type BarDatum } from './chart-scale';

export type DashboardMetrics = components['schemas']['DashboardMetrics'];
export type Period = DashboardMetrics['period'];

export const PERIODS: ReadonlyArray<{ value: Period; label: string }> = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
];
const DEFAULT_PERIOD: Period = '30d';

/** The period from the URL; anything else is the default (a hand-edited link still shows a page). */
export function periodFrom(param: string | null): Period {
  return PERIODS.some((period) => period.value === param) ? (param as Period) : DEFAULT_PERIOD;
}

/** The lifecycle order, so bars read left to right (or top to bottom) as a request moves. */
const REQUEST_ORDER = [
  'DRAFT',
  'PENDING_APPROVAL',
  'IN_REVIEW',
  'RESUBMITTED',
  'REJECTED',
  'FULLY_APPROVED',
  'FINANCE_REVIEW',
  'COMPLETED',
  'CANCELLED',
];
const ORDER_ORDER = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled'];

export function requestBars(metrics: DashboardMetrics, label: (code: string) => string): BarDatum[] {
  return barsFromCounts(metrics.requests_by_status, REQUEST_ORDER, label);
}

export function orderBars(metrics: DashboardMetrics, label: (code: string) => string): BarDatum[] {
  return barsFromCounts(metrics.orders_by_status, ORDER_ORDER, label);
}

export function approvalBars(metrics: DashboardMetrics): BarDatum[] {
  return [...metrics.pending_approvals_per_step]
    .sort((a, b) => a.step_order - b.step_order)
    .map((step) => ({ label: step.step_name, value: step.count }));
}

/** Median and p90 in hours (a readable axis); empty when nothing was completed in the period. */
export function cycleTimeBars(metrics: DashboardMetrics): BarDatum[] {
  const { median, p90 } = metrics.submit_to_completion_seconds;
  if (median === null || p90 === null) return [];
  return [
    { label: 'Median', value: median / 3600 },
    { label: '90th percentile', value: p90 / 3600 },
  ];
}

export function webhookBars(metrics: DashboardMetrics): BarDatum[] {
  if (!metrics.webhooks) return [];
  const { succeeded, failed } = metrics.webhooks;
  if (succeeded + failed === 0) return [];
  return [
    { label: 'Succeeded', value: succeeded, tone: 'good' },
    { label: 'Failed', value: failed, tone: 'bad' },
  ];
}
