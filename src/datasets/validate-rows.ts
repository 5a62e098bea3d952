import type { z } from 'zod';
import { clipped } from './cell.ts';
import { approximateFlagging } from './coerce/approximate.ts';
import { duplicateKeyMessage, findDuplicateKeys, parseKey } from './duplicate-keys.ts';
import type { CellValue, DatasetDefinition, Row } from './types.ts';

/**
 * A problem with rows sent as JSON (the admin PUT). `row` is the 0-based index into the submitted
 * `rows` array (so `rows[3]`, JSON Pointer `/rows/3`); `column` is the field id, or null for the whole row.
 */
export interface RowProblem {
  row: number;
  column: string | null;
  message: string;
  /** The value at fault when it is a single value (long text cut short); null for an object or array. */
  value: CellValue;
}

export interface RowsReport {
  /** The typed rows, in the order given; complete only when `problems` is empty. */
  rows: Row[];
  problems: RowProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a problem shows of a value sent. Only single values are echoed: an object or array sent where a
 * row or a cell belongs may be nested a hundred thousand deep, and serializing it back would overflow
 * the stack, so it is described in the message instead.
 */
function echo(value: unknown): CellValue {
  if (typeof value === 'string') return clipped(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

const nested = (value: unknown) =>
  Array.isArray(value) ? 'an array' : isRecord(value) ? 'an object' : undefined;

/** Turns the issues of parsing one row (paths like `['share']`) into problems of row `row`. */
function rowProblemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  row: number,
): RowProblem[] {
  return issues.map((issue) => {
    const column = issue.path[0] === undefined ? null : String(issue.path[0]);
    const value = column !== null && isRecord(input) ? input[column] : input;
    return { row, column, message: issue.message, value: echo(value) };
  });
}

/** A row that repeats an earlier row's key, naming both (`rows[0] and rows[4] both have …`). */
export function duplicateKeyProblem(
  def: DatasetDefinition,
  at: number,
  first: number,
  rows: { first: Row; later: Row },
): RowProblem {
  const column = def.key[0] ?? null;
  return {
    row: at,
    column,
    message: duplicateKeyMessage(
      def,
      { both: `rows[${first}] and rows[${at}]`, later: `rows[${at}]` },
      rows,
      (field) => field,
    ),
    value: column === null ? null : echo(rows.later[column]),
  };
}

function duplicateKeyProblems(
  def: DatasetDefinition,
  rows: readonly Row[],
  indexes: readonly number[],
): RowProblem[] {
  return findDuplicateKeys(def, rows).map(({ row, duplicateOf }) =>
    duplicateKeyProblem(def, indexes[row] ?? row, indexes[duplicateOf] ?? duplicateOf, {
      first: rows[duplicateOf] ?? {},
      later: rows[row] ?? {},
    }),
  );
}

/** One row checked: its problems, the typed row when it has none, and its key when that parses. */
export interface CheckedRow {
  problems: RowProblem[];
  row?: Row;
  key?: Row;
}

/**
 * Checks one row keyed by field id, as the Worker receives it, with the same coercions as the sheet
 * (so editor text such as "~70%" is accepted, and published rows come back unchanged). Keys that are
 * not columns of the dataset are problems, not silently dropped: they are usually a misspelt column.
 * A repeated key is not its business: that needs the other rows (`rowValidator`, or the writer's SQL).
 */
export function rowChecker(def: DatasetDefinition): (input: unknown, index: number) => CheckedRow {
  const fields = Object.keys(def.schema.shape);
  const known = new Set(fields);
  const flagged = approximateFlagging(def.schema);
  // A publish checks every row: each check allocates only what a row with problems needs.
  return (input, index) => {
    if (!isRecord(input)) {
      const got = nested(input);
      const message = `expected an object keyed by column id${got ? `, got ${got}` : ''}`;
      return { problems: [{ row: index, column: null, message, value: echo(input) }] };
    }
    const problems: RowProblem[] = [];
    let unknown = false;
    for (const key in input) {
      if (!Object.hasOwn(input, key) || known.has(key)) continue;
      unknown = true;
      const column = clipped(key);
      const message = `unknown column ${JSON.stringify(column)}; the columns are ${fields.join(', ')}`;
      problems.push({ row: index, column, message, value: echo(input[key]) });
    }
    // A cell holds one value; an object or array never reaches the coercions, which describe what they got.
    let notCells = false;
    for (const field of fields) {
      const got = nested(input[field]);
      if (!got) continue;
      notCells = true;
      const message = `expected a single value (text, a number, true/false or null), got ${got}`;
      problems.push({ row: index, column: field, message, value: null });
    }
    const result = notCells ? undefined : def.schema.safeParse(flagged(input));
    if (result && !result.success) problems.push(...rowProblemsFromIssues(result.error.issues, input, index));
    if (result?.success) {
      const data = result.data as Row;
      return unknown ? { problems, key: data } : { problems, row: data, key: data };
    }
    const key = parseKey(def, input);
    return key ? { problems, key } : { problems };
  };
}

export interface RowValidator {
  /** Checks the row at `index` (its position in what was sent). */
  check(input: unknown, index: number): void;
  /** True once `maxProblems` problems are found: checking further rows would only cost time. */
  readonly capped: boolean;
  /** The typed rows and the problems, sorted by row; duplicate keys are looked for only if not capped. */
  report(): RowsReport;
}

/**
 * Validates rows held in memory (`rowChecker` each), and finds repeated keys among them. Rows are
 * checked one at a time, so a caller can pause between them and stop once `capped`.
 */
export function rowValidator(def: DatasetDefinition, maxProblems = Number.POSITIVE_INFINITY): RowValidator {
  const checkRow = rowChecker(def);
  const problems: RowProblem[] = [];
  const valid: Row[] = [];
  // Every row whose key parses, valid or not, with its index: duplicates are found among all of them.
  const keyed: Row[] = [];
  const keyedIndexes: number[] = [];
  return {
    get capped() {
      return problems.length >= maxProblems;
    },
    check(input, index) {
      const checked = checkRow(input, index);
      problems.push(...checked.problems);
      if (checked.row) valid.push(checked.row);
      if (checked.key) {
        keyed.push(checked.key);
        keyedIndexes.push(index);
      }
    },
    report() {
      if (!this.capped) problems.push(...duplicateKeyProblems(def, keyed, keyedIndexes));
      return { rows: valid, problems: problems.toSorted((a, b) => a.row - b.row) };
    },
  };
}

/** Every row checked at once; for callers that never hold many rows (tests, a sheet's tab). */
export function validateRows(def: DatasetDefinition, rows: readonly unknown[]): RowsReport {
  const validator = rowValidator(def);
  rows.forEach((input, index) => {
    validator.check(input, index);
  });
  return validator.report();
}
