import { useId } from 'react';
import { useWidth } from './use-width';
import { barLength, fitText, scaleFor, summarise, type BarDatum } from './chart-scale';

interface BarChartProps {
  /** The figure's caption, which also names the chart for screen readers. */
  caption: string;
  data: BarDatum[];
  orientation?: 'horizontal' | 'vertical';
  /** Counts get whole-number ticks. */
  integer?: boolean;
  formatValue?: (value: number) => string;
  /** Column headings of the table with the numbers. */
  labelHeading?: string;
  valueHeading?: string;
  emptyText?: string;
}

/** Narrower than this, the chart scales down as a whole rather than squeezing its bars. */
const MIN_WIDTH = 280;
const FONT = 13;
/** About the width of an average glyph at 13 px in a system sans-serif: where labels get cut. */
const LABEL_CHAR_WIDTH = 6.8;

/**
 * A bar chart drawn as SVG, no chart library: the caption names it, the SVG is one image whose label
 * reads every value, each bar carries its value as text (colour is never the only cue), and the
 * numbers are also in a table behind a disclosure.
 */
export function BarChart({
  caption,
  data,
  orientation = 'horizontal',
  integer = false,
  formatValue = String,
  labelHeading = 'Category',
  valueHeading = 'Value',
  emptyText = 'Nothing to show for this period.',
}: BarChartProps) {
  const captionId = useId();
  const [frameRef, measured] = useWidth<HTMLDivElement>(480);
  const width = Math.max(MIN_WIDTH, measured);
  const scale = scaleFor(Math.max(0, ...data.map((datum) => datum.value)), { integer });
  return (
    <figure className="bar-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{caption}</figcaption>
      {data.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <>
          <div ref={frameRef}>
            {orientation === 'horizontal' ? (
              <HorizontalBars {...{ caption, data, width, format: formatValue }} ticks={scale.ticks} top={scale.top} />
            ) : (
              <VerticalBars {...{ caption, data, width, format: formatValue }} ticks={scale.ticks} top={scale.top} />
            )}
          </div>
          <details>
            <summary>Show the numbers</summary>
            <table>
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{labelHeading}</th>
                  <th scope="col" className="number">
                    {valueHeading}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((datum) => (
                  <tr key={datum.label}>
                    <td>{datum.label}</td>
                    <td className="number">{formatValue(datum.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}

interface BarsProps {
  caption: string;
  data: BarDatum[];
  ticks: number[];
  top: number;
  width: number;
  format: (value: number) => string;
}

function HorizontalBars({ caption, data, ticks, top, width, format }: BarsProps) {
  const labelWidth = Math.round(Math.min(170, Math.max(110, width * 0.35)));
  const valueRoom = 72;
  const row = 30;
  const bar = 20;
  const axisRoom = 22;
  const plot = width - labelWidth - valueRoom;
  const height = data.length * row + axisRoom;
  const x = (value: number) => labelWidth + barLength(value, top, plot);
  return (
    <svg
      className="chart"
      role="img"
      aria-label={summarise(caption, data, format)}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="chart-grid-line" x1={x(tick)} x2={x(tick)} y1={0} y2={data.length * row} />
          <text className="chart-tick" x={x(tick)} y={height - 6} textAnchor="middle" fontSize={FONT - 1}>
            {format(tick)}
          </text>
        </g>
      ))}
      {data.map((datum, index) => {
        const y = index * row + (row - bar) / 2;
        const length = barLength(datum.value, top, plot);
        return (
          <g key={datum.label}>
            <text
              className="chart-label"
              x={labelWidth - 8}
              y={y + bar / 2}
              dy="0.35em"
              textAnchor="end"
              fontSize={FONT}
            >
              {fitText(datum.label, labelWidth - 12, LABEL_CHAR_WIDTH)}
            </text>
            <rect
              className={`chart-bar chart-bar-${datum.tone ?? 'brand'}`}
              x={labelWidth}
              y={y}
              width={length}
              height={bar}
            />
            <text className="chart-value" x={labelWidth + length + 6} y={y + bar / 2} dy="0.35em" fontSize={FONT}>
              {format(datum.value)}
            </text>
          </g>
        );
      })}
      <line className="chart-axis" x1={labelWidth} x2={labelWidth} y1={0} y2={data.length * row} />
    </svg>
  );
}

function VerticalBars({ caption, data, ticks, top, width, format }: BarsProps) {
  const axisRoom = 56;
  const slot = (width - axisRoom - 8) / data.length;
  // Labels wider than their bar's slot go on two staggered rows, each then having two slots of room.
  const stagger = data.some((datum) => datum.label.length * LABEL_CHAR_WIDTH > slot - 4);
  const labelRoom = stagger ? 46 : 28;
  const valueRoom = 18;
  const height = 240 + (stagger ? 18 : 0);
  const plot = height - labelRoom - valueRoom;
  const bar = Math.min(56, slot * 0.6);
  const y = (value: number) => valueRoom + plot - barLength(value, top, plot);
  return (
    <svg
      className="chart"
      role="img"
      aria-label={summarise(caption, data, format)}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="chart-grid-line" x1={axisRoom} x2={width - 8} y1={y(tick)} y2={y(tick)} />
          <text className="chart-tick" x={axisRoom - 6} y={y(tick)} dy="0.35em" textAnchor="end" fontSize={FONT - 1}>
            {format(tick)}
          </text>
        </g>
      ))}
      {data.map((datum, index) => {
        const centre = axisRoom + slot * index + slot / 2;
        const length = barLength(datum.value, top, plot);
        return (
          <g key={datum.label}>
            <rect
              className={`chart-bar chart-bar-${datum.tone ?? 'brand'}`}
              x={centre - bar / 2}
              y={valueRoom + plot - length}
              width={bar}
              height={length}
            />
            <text
              className="chart-value"
              x={centre}
              y={valueRoom + plot - length - 5}
              textAnchor="middle"
              fontSize={FONT}
            >
              {format(datum.value)}
            </text>
            <text
              className="chart-label"
              x={centre}
              y={height - (stagger && index % 2 === 0 ? 28 : 10)}
              textAnchor="middle"
              fontSize={FONT}
            >
              {fitText(datum.label, stagger ? slot * 2 - 8 : slot - 4, LABEL_CHAR_WIDTH)}
            </text>
          </g>
        );
      })}
      <line className="chart-axis" x1={axisRoom} x2={width - 8} y1={valueRoom + plot} y2={valueRoom + plot} />
    </svg>
  );
}
