import { clipped } from './cell.ts';
import type { SheetProblem } from './sheet-problem.ts';

/** Warnings of one kind named one by one; a header once had a million unknown columns (112 MB of lines). */
const namedPerMessage = 5;

const clippedText = <T>(value: T) => (typeof value === 'string' ? clipped(value) : value);

/**
 * The warnings an editor reads: the first few of each message as they are, then one warning at the
 * first one left out counting the rest; every header and value cut short.
 */
export function summariseWarnings(
  warnings: readonly SheetProblem[],
  named = namedPerMessage,
): SheetProblem[] {
  const counts = new Map<string, number>();
  const firstLeftOut = new Map<string, SheetProblem>();
  const kept: SheetProblem[] = [];
  for (const warning of warnings) {
    const count = (counts.get(warning.message) ?? 0) + 1;
    counts.set(warning.message, count);
    if (count <= named) {
      kept.push({ ...warning, column: clippedText(warning.column), value: clippedText(warning.value) });
    } else if (count === named + 1) {
      firstLeftOut.set(warning.message, warning);
    }
  }
  for (const [message, first] of firstLeftOut) {
    const more = (counts.get(message) ?? 0) - named;
    kept.push({
      tab: first.tab,
      cell: first.cell,
      row: first.row,
      column: null,
      message: `and ${more.toLocaleString('en-US')} more from here on: ${message}`,
      value: null,
    });
  }
  return kept;
}
