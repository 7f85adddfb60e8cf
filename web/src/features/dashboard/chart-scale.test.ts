import { barLength, barsFromCounts, fitText, formatPercent, niceStep, scaleFor, summarise } from './chart-scale';

describe('niceStep', () => {
  it.each([
    [0.7, 1],
    [1, 1],
    [1.2, 2],
    [2.2, 2.5],
    [3, 5],
    [7, 10],
    [12, 20],
    [0.03, 0.05],
    [4500, 5000],
  ])('rounds %p up to %p', (raw, step) => expect(niceStep(raw)).toBe(step));

  it('falls back to 1 for nothing, negatives and infinities', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(-3)).toBe(1);
    expect(niceStep(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe('scaleFor', () => {
  it('covers the largest value with round ticks from 0', () => {
    expect(scaleFor(17)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
    expect(scaleFor(100)).toEqual({ top: 100, ticks: [0, 25, 50, 75, 100] });
  });

  it('gives counts whole steps', () => {
    expect(scaleFor(3, { integer: true })).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(scaleFor(1, { integer: true })).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('keeps fractional steps tidy', () => {
    expect(scaleFor(0.3)).toEqual({ top: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(scaleFor(1, { targetTicks: 4 }).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('still draws an axis when every value is zero', () => {
    expect(scaleFor(0, { integer: true })).toEqual({ top: 1, ticks: [0, 1] });
    expect(scaleFor(Number.NaN).top).toBeGreaterThan(0);
  });
});

describe('barLength', () => {
  it('is proportional to the value and clamped to the axis', () => {
    expect(barLength(5, 20, 400)).toBe(100);
    expect(barLength(20, 20, 400)).toBe(400);
    expect(barLength(30, 20, 400)).toBe(400);
  });

  it('is zero for zero, negative values and an empty axis', () => {
    expect(barLength(0, 20, 400)).toBe(0);
    expect(barLength(-2, 20, 400)).toBe(0);
    expect(barLength(5, 0, 400)).toBe(0);
  });
});

describe('summarise', () => {
  it('names every bar with its value', () => {
    const data = [
      { label: 'Draft', value: 3 },
      { label: 'Completed', value: 12 },
    ];
    expect(summarise('Requests by status', data)).toBe('Requests by status: Draft 3, Completed 12.');
    expect(summarise('Rate', [{ label: 'Succeeded', value: 0.5 }], formatPercent)).toBe('Rate: Succeeded 50 %.');
  });

  it('says when there is nothing', () => {
    expect(summarise('Orders by status', [])).toBe('Orders by status: no data.');
  });
});

describe('barsFromCounts', () => {
  it('lists the known codes in order with zeros, then the others', () => {
    const bars = barsFromCounts({ shipped: 2, pending: 5, lost: 1 }, ['pending', 'confirmed', 'shipped'], (code) =>
      code.toUpperCase(),
    );
    expect(bars).toEqual([
      { label: 'PENDING', value: 5 },
      { label: 'CONFIRMED', value: 0 },
      { label: 'SHIPPED', value: 2 },
      { label: 'LOST', value: 1 },
    ]);
  });
});

describe('formatPercent and fitText', () => {
  it('formats a rate with one decimal', () => {
    expect(formatPercent(0.9854)).toBe('98.5 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('cuts long labels with an ellipsis', () => {
    expect(fitText('Manager approval', 140)).toBe('Manager approval');
    expect(fitText('Director of marketing approval', 70)).toBe('Director …');
  });
});
