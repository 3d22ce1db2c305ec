/**
 * The charts of the ministry's views (recharts, drawn as SVG so they print) and the heat map
 * (an HTML table). Every chart is a figure: its title, the drawing as one image with a summary
 * for screen readers (role="img" and aria-label; the drawing itself has no keyboard layer), and
 * the same figures as a table behind a button ("Vis som tabell"). The table is in the page, not
 * only in the accessibility tree, so everyone can read exact values; it always prints.
 * The components show what the server sends and decide no rule.
 */
import { useId, useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@digdir/designsystemet-react';
import type { HeatMap } from '../../contract/report-views';
import { formatNumber } from '../format';
import { t } from '../locales/nb';

const CHART_STYLE = { width: '100%', maxWidth: '44rem', aspectRatio: 1.8 } as const;
const AXIS = { fontSize: 12, fill: 'var(--ds-color-neutral-text-default)' } as const;

/**
 * A chart with its title, the drawing as one image described by `summary`, and its table
 * behind a button (open when printed).
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-canvas" role="img" aria-label={summary}>
        {children}
      </div>
      <div>
        <Button
          variant="secondary"
          data-size="sm"
          aria-expanded={open}
          aria-controls={tableId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t('charts.hideTable') : t('charts.showTable')}
        </Button>
      </div>
      <div id={tableId} className="chart-table" data-open={open}>
        {table}
      </div>
    </figure>
  );
}

export interface BarRow {
  label: string;
  appropriation: number;
  forecast: number | null;
}

/** Appropriation and forecast per post, side by side (thousands of NOK). */
export function BudgetBars({ rows }: { rows: BarRow[] }) {
  return (
    <BarChart
      data={rows}
      responsive
      style={CHART_STYLE}
      accessibilityLayer={false}
      margin={{ top: 8, right: 8, bottom: 8, left: 16 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={AXIS} />
      <YAxis tick={AXIS} tickFormatter={(v: number) => formatNumber(v)} width={80} />
      <Legend />
      <Bar
        dataKey="appropriation"
        name={t('charts.budget.appropriation')}
        fill="var(--ds-color-accent-base-default)"
        isAnimationActive={false}
      />
      <Bar
        dataKey="forecast"
        name={t('charts.budget.forecast')}
        fill="var(--ds-color-neutral-base-default)"
        isAnimationActive={false}
      />
    </BarChart>
  );
}

export interface LinePoint {
  label: string;
  value: number | null;
}

/** A steering parameter's values in order, with its target as a reference line. */
export function TrendLine({
  points,
  target,
  targetLabel,
}: {
  points: LinePoint[];
  target: number | null;
  targetLabel: string;
}) {
  return (
    <LineChart
      data={points}
      responsive
      style={CHART_STYLE}
      accessibilityLayer={false}
      margin={{ top: 16, right: 24, bottom: 8, left: 16 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={AXIS} />
      <YAxis
        tick={AXIS}
        tickFormatter={(v: number) => formatNumber(v)}
        width={64}
        domain={
          target === null
            ? ['auto', 'auto']
            : [(min: number) => Math.min(min, target), (max: number) => Math.max(max, target)]
        }
      />
      {target !== null && (
        <ReferenceLine
          y={target}
          stroke="var(--ds-color-danger-base-default)"
          strokeDasharray="6 4"
          label={{ value: targetLabel, position: 'insideTopRight', fontSize: 12 }}
        />
      )}
      <Line
        dataKey="value"
        name={t('charts.trend.value')}
        stroke="var(--ds-color-accent-base-default)"
        strokeWidth={2}
        dot={{ r: 4 }}
        connectNulls
        isAnimationActive={false}
      />
    </LineChart>
  );
}

/**
 * The 5×5 risk matrix as a table: likelihood down (5 at the top), consequence across; each cell
 * the count as text, and the cells above the tolerance (as the server judges them) with a
 * thick frame and a mark besides their colour.
 */
export function HeatMapTable({
  map,
  count,
  caption,
}: {
  map: HeatMap;
  count: 'residual' | 'inherent';
  caption: string;
}) {
  return (
    <Table className="heat-map" data-size="sm">
      <caption>{caption}</caption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>
            <span className="visually-hidden">{t('charts.heat.corner')}</span>
          </TableHeaderCell>
          {map[0]!.map((c) => (
            <TableHeaderCell key={c.consequence} scope="col" className="num">
              {t('charts.heat.consequence', { n: c.consequence })}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {map.map((row) => (
          <TableRow key={row[0]!.likelihood}>
            <TableHeaderCell scope="row">
              {t('charts.heat.likelihood', { n: row[0]!.likelihood })}
            </TableHeaderCell>
            {row.map((c) => (
              <TableCell
                key={c.consequence}
                className="num heat-cell"
                data-above={c.aboveTolerance === true}
                data-empty={c[count] === 0}
              >
                {formatNumber(c[count])}
                {c.aboveTolerance && (
                  <>
                    <span className="heat-mark" aria-hidden="true">
                      !
                    </span>
                    <span className="visually-hidden">{t('charts.heat.above')}</span>
                  </>
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
