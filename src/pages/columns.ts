import { format } from 'd3-format';
import { z } from 'zod';
import { approximateFlagOf } from '../datasets/coerce/approximate.ts';
import type { Column } from '../datasets/columns.ts';
import { fieldTitle } from '../datasets/fields.ts';
import type { CellValue, DatasetDefinition, Row } from '../datasets/types.ts';

/** A column as a reader sees it: the schema's title and description, and how its numbers read. */
export interface DisplayColumn {
  name: string;
  title: string;
  description?: string;
  numeric: boolean;
  /** The schema states the column in percent: its title ends in "(%)", as the sheet's header does. */
  percent: boolean;
  /** The boolean column that marks this column's value as an estimate, shown as `~` before it. */
  approximateFlag?: string;
}

const percentTitle = /\(%\)\s*$/;

/**
 * The columns to show, in order. A flag column that marks another as approximate is folded into the
 * value it marks (`~70%`), so the table does not repeat it as a yes/no column beside it.
 */
export function displayColumns(def: DatasetDefinition, columns: readonly Column[]): DisplayColumn[] {
  const flagFor = new Map<string, string>();
  for (const [name, schema] of Object.entries(def.schema.shape)) {
    const of = approximateFlagOf(schema as z.ZodType);
    if (of !== undefined) flagFor.set(of, name);
  }
  const shown = new Set(columns.map((c) => c.name));
  const folded = new Set([...flagFor].filter(([of]) => shown.has(of)).map(([, flag]) => flag));
  return columns
    .filter((c) => !folded.has(c.name))
    .map((c) => {
      const schema = def.schema.shape[c.name] as z.ZodType | undefined;
      const description = schema && z.globalRegistry.get(schema)?.description;
      const title = fieldTitle(def, c.name);
      const flag = flagFor.get(c.name);
      return {
        name: c.name,
        title,
        ...(description && { description }),
        numeric: c.type === 'number' || c.type === 'integer',
        percent: percentTitle.test(title),
        ...(flag && shown.has(flag) && { approximateFlag: flag }),
      };
    });
}

const grouped = format(',.12~r');
const ungrouped = format('.12~r');

/**
 * Numbers as a reader writes them: thousands grouped, no trailing zeros, a true minus sign, and
 * four-digit whole numbers (years, codes) left ungrouped.
 */
export function formatNumber(value: number, column: Pick<DisplayColumn, 'percent'>): string {
  const text = (Number.isInteger(value) && Math.abs(value) < 10_000 ? ungrouped : grouped)(value);
  return column.percent ? `${text}%` : text;
}

export function isApproximate(column: DisplayColumn, row: Row): boolean {
  return column.approximateFlag !== undefined && row[column.approximateFlag] === true;
}

/** A cell's text, or null for an empty cell (which the table labels, rather than leaving silent). */
export function cellText(column: DisplayColumn, row: Row): string | null {
  const value: CellValue = row[column.name] ?? null;
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number')
    return `${isApproximate(column, row) ? '~' : ''}${formatNumber(value, column)}`;
  return value;
}
