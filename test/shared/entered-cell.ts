import type { sheets_v4 } from '@googleapis/sheets';

type Cell = sheets_v4.Schema$CellData | undefined;

const errorTypes: Record<string, string> = {
  '#N/A': 'N_A',
  '#REF!': 'REF',
  '#DIV/0!': 'DIVIDE_BY_ZERO',
  '#VALUE!': 'VALUE',
  '#NAME?': 'NAME',
  '#NUM!': 'NUM',
  '#NULL!': 'NULL_VALUE',
  '#ERROR!': 'ERROR',
};

const dayMs = 86_400_000;
const sheetsEpoch = Date.UTC(1899, 11, 30);

/** What Sheets stores when an editor types `text` into a cell with automatic formatting (en_US locale). */
export function enteredCell(text: string): Cell {
  if (text === '') return undefined;
  const percent = /^(-?\d+(?:\.\d+)?)\s?%$/.exec(text);
  if (percent)
    return {
      effectiveValue: { numberValue: Number(percent[1]) / 100 },
      formattedValue: text,
      effectiveFormat: { numberFormat: { type: 'PERCENT', pattern: '0%' } },
    };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date)
    return {
      effectiveValue: {
        numberValue: (Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - sheetsEpoch) / dayMs,
      },
      formattedValue: text,
      effectiveFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } },
    };
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text))
    return {
      effectiveValue: { numberValue: Number(text.replaceAll(',', '')) },
      formattedValue: text,
      effectiveFormat: { numberFormat: { type: 'NUMBER', pattern: '#,##0' } },
    };
  if (/^-?\d+(\.\d+)?$/.test(text))
    return { effectiveValue: { numberValue: Number(text) }, formattedValue: text };
  if (/^(true|false)$/i.test(text))
    return { effectiveValue: { boolValue: /^true$/i.test(text) }, formattedValue: text.toUpperCase() };
  const errorType = errorTypes[text];
  if (errorType)
    return {
      effectiveValue: { errorValue: { type: errorType, message: 'formula error' } },
      formattedValue: text,
    };
  return { effectiveValue: { stringValue: text }, formattedValue: text };
}
