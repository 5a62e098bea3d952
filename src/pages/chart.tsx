import { format } from 'd3-format';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { FC } from 'hono/jsx';
import type { ChartHint, Row } from '../datasets/types.ts';
import { cellText, type DisplayColumn } from './columns.ts';

/**
 * Charts drawn on the server as SVG from a dataset's chart hint: scales and ticks from d3-scale,
 * numbers from d3-format, so the geometry is the library's, not hand-made. Each chart carries a title,
 * axis labels, its values on the marks and a text summary (`role="img"`); the table below it is the
 * full, accessible fallback. Colours come from the stylesheet (Okabe–Ito blue and orange, safe for
 * colour-blind readers), so dark mode recolours them.
 */

const width = 640;
const band = 30;
const charWidth = 7.2;
const summaryItems = 20;

export interface ChartProps {
  id: string;
  title: string;
  hint: ChartHint;
  rows: readonly Row[];
  columns: readonly DisplayColumn[];
  /** Key columns besides the category, to tell apart bars with the same name (China, 2023 and 2024). */
  keyColumns: readonly string[];
}

/** The rows a chart can place: those whose position (and measure) is not empty. */
function chartedRows(hint: ChartHint, rows: readonly Row[]): Row[] {
  const position = hint.kind === 'bar' ? hint.y : hint.x;
  return rows.filter((row) => typeof row[position] === 'number');
}

/** Chart height in px for this many marks: the oEmbed answer sizes its iframe with it before rendering. */
export function chartHeight(marks: number): number {
  return 16 + marks * band + 56;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const Chart: FC<ChartProps> = (props) => {
  const column = (name: string) => props.columns.find((c) => c.name === name);
  const x = column(props.hint.x);
  const y = column(props.hint.kind === 'bar' ? props.hint.y : props.hint.label);
  if (!x || !y) return null;
  const rows = chartedRows(props.hint, props.rows);
  if (rows.length === 0) return null;
  return props.hint.kind === 'bar' ? (
    <BarChart {...props} rows={rows} category={x} measure={y} />
  ) : (
    <TimelineChart {...props} rows={rows} at={x} label={y} />
  );
};

interface Frame {
  id: string;
  title: string;
  summary: string;
  height: number;
  children: unknown;
}

const ChartFrame: FC<Frame> = ({ id, title, summary, height, children }) => (
  <figure>
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {children}
    </svg>
    <figcaption>{summary}</figcaption>
  </figure>
);

/** The value axis along the bottom, with a grid line per tick and the measure's title under it. */
const Axis: FC<{
  ticks: { at: number; label: string }[];
  top: number;
  bottom: number;
  center: number;
  title: string;
}> = (props) => (
  <g class="axis">
    {props.ticks.map(({ at, label }) => (
      <g>
        <line class="grid" x1={at} x2={at} y1={props.top} y2={props.bottom} />
        <text x={at} y={props.bottom + 16} text-anchor="middle">
          {label}
        </text>
      </g>
    ))}
    <text x={props.center} y={props.bottom + 40} text-anchor="middle">
      {props.title}
    </text>
  </g>
);

const listed = (items: string[]) =>
  items.length > summaryItems
    ? `${items.slice(0, summaryItems).join('; ')}; and ${items.length - summaryItems} more (see the table)`
    : items.join('; ');

function barLabels(props: ChartProps, rows: readonly Row[], category: DisplayColumn): string[] {
  const names = rows.map((row) => cellText(category, row) ?? '(empty)');
  const repeated = new Set(names.filter((n, i) => names.indexOf(n) !== i));
  const others = props.keyColumns.filter((k) => k !== category.name);
  return rows.map((row, i) => {
    const name = names[i] ?? '';
    if (!repeated.has(name)) return name;
    const extra = others.map((k) => row[k]).filter((v) => v !== null && v !== undefined);
    return [name, ...extra].join(', ');
  });
}

const BarChart: FC<ChartProps & { category: DisplayColumn; measure: DisplayColumn }> = (props) => {
  const { rows, category, measure } = props;
  const labels = barLabels(props, rows, category);
  const values = rows.map((row) => row[measure.name] as number);
  const left = Math.min(220, 12 + Math.max(...labels.map((l) => Math.min(l.length, 28))) * charWidth);
  const right = 64;
  const top = 16;
  const height = chartHeight(rows.length);
  const bands = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([top, top + rows.length * band])
    .padding(0.2);
  const scale = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(0, ...values)])
    .nice()
    .range([left, width - right]);
  const ticks = scale.ticks(5);
  const tick = scale.tickFormat(5);
  const unit = measure.percent ? '%' : '';
  const bottom = top + rows.length * band;
  const text = rows.map((row, i) => `${labels[i]}: ${cellText(measure, row)}`);
  const summary = `Bar chart of ${measure.title} by ${category.title}, ${rows.length} bars: ${listed(text)}.`;
  return (
    <ChartFrame
      id={props.id}
      title={`${props.title}: ${measure.title} by ${category.title}`}
      summary={summary}
      height={height}
    >
      <Axis
        ticks={ticks.map((t) => ({ at: scale(t), label: `${tick(t)}${unit}` }))}
        top={top}
        bottom={bottom}
        center={(left + width - right) / 2}
        title={measure.title}
      />
      {rows.map((row, i) => {
        const value = values[i] ?? 0;
        const y = bands(i) ?? 0;
        const x0 = scale(Math.min(0, value));
        const w = Math.abs(scale(value) - scale(0));
        return (
          <g>
            <text x={left - 8} y={y + bands.bandwidth() / 2} dy="0.35em" text-anchor="end">
              {truncate(labels[i] ?? '', 28)}
            </text>
            <rect class="mark" x={x0} y={y} width={Math.max(w, 1)} height={bands.bandwidth()}>
              <title>{text[i]}</title>
            </rect>
            <text x={scale(Math.max(0, value)) + 6} y={y + bands.bandwidth() / 2} dy="0.35em">
              {cellText(measure, row)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
};

const yearFormat = format('d');

const TimelineChart: FC<ChartProps & { at: DisplayColumn; label: DisplayColumn }> = (props) => {
  const { at, label } = props;
  // Stable by position, so events of one year keep the table's order.
  const rows = [...props.rows].sort((a, b) => (a[at.name] as number) - (b[at.name] as number));
  const positions = rows.map((row) => row[at.name] as number);
  const top = 16;
  const height = chartHeight(rows.length);
  const bottom = top + rows.length * band;
  const bands = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([top, bottom])
    .padding(0.2);
  const scale = scaleLinear()
    .domain([Math.min(...positions), Math.max(...positions)])
    .nice()
    .range([24, width - 24]);
  const ticks = scale.ticks(6).filter(Number.isInteger);
  const text = rows.map((row) => `${yearFormat(row[at.name] as number)}: ${cellText(label, row) ?? ''}`);
  const undated = props.rows.length - rows.length;
  const summary =
    `Timeline of ${rows.length} events by ${at.title}: ${listed(text)}.` +
    (undated > 0 ? ` ${undated} without a ${at.title.toLowerCase()} are in the table only.` : '');
  return (
    <ChartFrame
      id={props.id}
      title={`${props.title}: events by ${at.title}`}
      summary={summary}
      height={height}
    >
      <Axis
        ticks={ticks.map((t) => ({ at: scale(t), label: yearFormat(t) }))}
        top={top}
        bottom={bottom}
        center={width / 2}
        title={at.title}
      />
      {rows.map((row, i) => {
        const cx = scale(positions[i] ?? 0);
        const cy = (bands(i) ?? 0) + bands.bandwidth() / 2;
        const onLeft = cx > width / 2;
        return (
          <g>
            <circle class="mark" cx={cx} cy={cy} r={6}>
              <title>{text[i]}</title>
            </circle>
            <text x={onLeft ? cx - 10 : cx + 10} y={cy} dy="0.35em" text-anchor={onLeft ? 'end' : 'start'}>
              {truncate(cellText(label, row) ?? '', 40)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
};
