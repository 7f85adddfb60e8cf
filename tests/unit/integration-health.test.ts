import { classifyProbe, overallHealth } from '../../contracts/integration-health';

/** Decision 0038's verdicts at their edges. */
describe('a probe’s verdict', () => {
  const seen = (statusCode: number | null, elapsedMs: number) =>
    classifyProbe({ statusCode, elapsedMs, error: statusCode === null ? 'no answer' : null }, 1000);

  it.each([
    [200, 0, 'healthy'],
    [204, 1000, 'healthy'], // at the threshold still healthy
    [299, 1001, 'degraded'], // one millisecond over
    [429, 5, 'degraded'],
    [199, 5, 'down'],
    [301, 5, 'down'], // redirects are not followed: a moved health URL is down
    [404, 5, 'down'],
    [503, 5, 'down'],
    [null, 5000, 'down'],
  ] as const)('HTTP %s after %s ms is %s', (status, elapsed, verdict) => {
    expect(seen(status, elapsed)).toBe(verdict);
  });
});

describe('the overall status', () => {
  it.each([
    [[], 'healthy'],
    [['healthy', 'healthy'], 'healthy'],
    [['healthy', 'degraded'], 'degraded'],
    [['healthy', 'down'], 'degraded'],
    [['degraded', 'degraded'], 'degraded'],
    [['down'], 'down'],
    [['down', 'down'], 'down'],
  ] as const)('%j is %s', (statuses, overall) => {
    expect(overallHealth([...statuses])).toBe(overall);
  });
});
