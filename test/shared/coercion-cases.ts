import type { z } from 'zod';
import { formatted } from '../../src/datasets/cell.ts';
import { boolean } from '../../src/datasets/coerce/booleans.ts';
import { optional, required } from '../../src/datasets/coerce/coercion.ts';
import { date } from '../../src/datasets/coerce/dates.ts';
import { oneOf } from '../../src/datasets/coerce/enum.ts';
import { decimal, integer, year } from '../../src/datasets/coerce/numbers.ts';
import { percent } from '../../src/datasets/coerce/percent.ts';
import { text } from '../../src/datasets/coerce/text.ts';

/** One cell through one column type: either the value it becomes, or the message an editor reads. */
export interface CoercionCase {
  column: string;
  schema: z.ZodType;
  input: unknown;
  output?: unknown;
  error?: string;
}

const columns = {
  percent: required(percent()),
  share: required(percent({ min: 0, max: 100 })),
  decimal: required(decimal()),
  integer: required(integer()),
  year: required(year()),
  atomicNumber: required(integer({ min: 1, max: 118 })),
  date: required(date()),
  dayFirstDate: required(date({ order: 'day-first' })),
  monthFirstDate: required(date({ order: 'month-first' })),
  boolean: required(boolean()),
  group: required(oneOf(['light', 'heavy'])),
  text: required(text()),
  symbol: required(
    text({ pattern: { regex: /^[A-Z][a-z]?$/, description: 'a chemical symbol such as Nd' } }),
  ),
  shortText: required(text({ maxLength: 3 })),
  optionalDate: optional(date()),
  optionalText: optional(text()),
  optionalNumber: optional(decimal()),
};

type ColumnName = keyof typeof columns;

const ok = (column: ColumnName, input: unknown, output: unknown): CoercionCase => ({
  column,
  schema: columns[column],
  input,
  output,
});

const bad = (column: ColumnName, input: unknown, error: string): CoercionCase => ({
  column,
  schema: columns[column],
  input,
  error,
});

export const coercionCases: readonly CoercionCase[] = [
  // percentages, however the sheet or the editor writes them
  ok('percent', '70%', 70),
  ok('percent', '70 %', 70),
  ok('percent', '~70%', 70),
  ok('percent', '70', 70),
  ok('percent', '70.0 %', 70),
  ok('percent', ' ≈ 70% ', 70),
  ok('percent', 'c. 70%', 70),
  ok('percent', 'about 70%', 70),
  ok('percent', 'approximately 60%', 60),
  ok('percent', formatted(0.7, 'PERCENT'), 70),
  ok('percent', formatted(0.07, 'PERCENT'), 7),
  ok('percent', formatted(0.145, 'PERCENT'), 14.5),
  ok('percent', formatted(70, 'NUMBER'), 70),
  ok('percent', 70, 70),
  ok('percent', 0.7, 0.7),
  ok('percent', '0.5%', 0.5),
  bad('percent', 'seventy', 'expected a percentage, got "seventy"; write it like 70% or ~70%'),
  bad(
    'percent',
    '70% of global production',
    'expected a percentage, got "70% of global production"; write it like 70% or ~70%',
  ),
  bad(
    'percent',
    '12,5%',
    'expected a percentage with a point for decimals and commas or spaces for thousands, got "12,5%"; write 12.5%',
  ),
  bad(
    'percent',
    '1,234%',
    '"1,234%" is ambiguous: write 1234% if the comma separates thousands, or 1.2340% if it is a decimal comma',
  ),
  // Only the readings the column takes are offered, with the marker and unit the cell had.
  bad('share', '~1.234%', '"~1.234%" is ambiguous: write ~1.2340% if it is a decimal point'),
  bad('share', 'lots', 'expected a percentage, got "lots"; write it like 70% or ~70%'),
  bad('atomicNumber', 'six', 'expected a whole number, got "six"; write it like 118'),
  bad('atomicNumber', '12,5', 'expected a whole number, got "12,5"; write it like 118'),
  bad('year', 1e20, 'expected a year from 1000 to 2999, got 100000000000000000000'),
  bad('percent', true, 'expected a percentage, got true'),
  bad('share', '170%', 'expected a percentage from 0 to 100, got "170%"'),
  bad('share', formatted(1.7, 'PERCENT'), 'expected a percentage from 0 to 100, got 170%'),
  bad('share', -1, 'expected a percentage from 0 to 100, got -1'),

  // numbers: commas or spaces for thousands, a point for decimals, never a guess
  ok('decimal', '1,234,567', 1234567),
  ok('decimal', '1 234 567', 1234567),
  ok('decimal', '1\u00a0234\u00a0567', 1234567),
  ok('decimal', '1\u202f234.5', 1234.5),
  ok('decimal', '1,234.5', 1234.5),
  ok('decimal', '0.125', 0.125),
  ok('decimal', '-12.5', -12.5),
  ok('decimal', '\u22123', -3),
  ok('decimal', '.5', 0.5),
  ok('decimal', 1.234, 1.234),
  ok('decimal', formatted(1234.5, 'CURRENCY'), 1234.5),
  bad(
    'decimal',
    '1,234',
    '"1,234" is ambiguous: write 1234 if the comma separates thousands, or 1.2340 if it is a decimal comma',
  ),
  bad(
    'decimal',
    '1.234',
    '"1.234" is ambiguous: write 1234 if the point separates thousands, or 1.2340 if it is a decimal point',
  ),
  bad(
    'decimal',
    '12,5',
    'expected a number with a point for decimals and commas or spaces for thousands, got "12,5"; write 12.5',
  ),
  bad(
    'decimal',
    '1.234.567',
    'expected a number with a point for decimals and commas or spaces for thousands, got "1.234.567"; write 1234567',
  ),
  bad(
    'decimal',
    '1.234,5',
    'expected a number with a point for decimals and commas or spaces for thousands, got "1.234,5"; write 1234.5',
  ),
  bad('decimal', '12,34,567', 'expected a number, got "12,34,567"; write it like 1234.5'),
  bad('decimal', 'n/a', '"n/a" stands for no value, but this column needs one: write the value'),
  bad('decimal', Number.NaN, 'expected a number, got NaN'),
  ok('integer', '1,234', 1234),
  ok('integer', '57', 57),
  ok('integer', 57, 57),
  bad('integer', '1.234', 'expected a whole number, got "1.234"'),
  bad('integer', '57.5', 'expected a whole number, got "57.5"'),
  bad('integer', 57.5, 'expected a whole number, got 57.5'),
  ok('year', '2023', 2023),
  ok('year', 2023, 2023),
  bad('year', '23', 'expected a year from 1000 to 2999, got "23"'),
  bad('year', 'twenty twenty-three', 'expected a year, got "twenty twenty-three"; write it like 2024'),

  // dates → ISO
  ok('date', '2024-01-08', '2024-01-08'),
  ok('date', '2024-1-8', '2024-01-08'),
  ok('date', '8 January 2024', '2024-01-08'),
  ok('date', '8th January 2024', '2024-01-08'),
  ok('date', '8 Jan 2024', '2024-01-08'),
  ok('date', 'Jan 8, 2024', '2024-01-08'),
  ok('date', 'January 8, 2024', '2024-01-08'),
  ok('date', 'Sept. 30, 2024', '2024-09-30'),
  ok('date', 45299, '2024-01-08'),
  ok('date', formatted(45299, 'DATE'), '2024-01-08'),
  ok('date', formatted(45299.75, 'DATE_TIME'), '2024-01-08'),
  ok('date', 61, '1900-03-01'),
  ok('date', '2024/01/08', '2024-01-08'),
  bad(
    'date',
    '01/02/2024',
    '"01/02/2024" is ambiguous: write 2024-02-01 for 1 February or 2024-01-02 for 2 January',
  ),
  bad(
    'date',
    '25.12.2024',
    '"25.12.2024" puts day and month in an order this column does not assume: write it as 2024-12-25',
  ),
  bad(
    'date',
    '05/05/2024',
    '"05/05/2024" puts day and month in an order this column does not assume: write it as 2024-05-05',
  ),
  bad('date', '31/02/2024', 'expected a date that exists, got "31/02/2024"'),
  ok('dayFirstDate', '01/02/2024', '2024-02-01'),
  ok('monthFirstDate', '01/02/2024', '2024-01-02'),
  ok('dayFirstDate', '2024-01-08', '2024-01-08'),
  bad('monthFirstDate', '25/12/2024', 'expected a date that exists, got "25/12/2024"'),
  bad('date', '2024-02-30', 'expected a date that exists, got "2024-02-30"'),
  bad(
    'date',
    '30 Febtember 2024',
    'expected a date (write it as 2024-01-08 or 8 January 2024), got "30 Febtember 2024"',
  ),
  bad('date', '2024', 'expected a date (write it as 2024-01-08 or 8 January 2024), got "2024"'),
  bad(
    'date',
    2024,
    'expected a full date, got 2024, which looks like a year; write it as 2024-01-08 or 8 January 2024',
  ),
  bad(
    'date',
    formatted(45299, 'NUMBER'),
    'expected a date (write it as 2024-01-08 or 8 January 2024), got 45299',
  ),
  bad(
    'date',
    'last Tuesday',
    'expected a date (write it as 2024-01-08 or 8 January 2024), got "last Tuesday"',
  ),

  // booleans
  ok('boolean', 'yes', true),
  ok('boolean', ' Yes ', true),
  ok('boolean', 'TRUE', true),
  ok('boolean', '✓', true),
  ok('boolean', true, true),
  ok('boolean', 'no', false),
  ok('boolean', 'False', false),
  ok('boolean', '✗', false),
  ok('boolean', false, false),
  bad('boolean', 'maybe', 'expected yes or no, got "maybe"'),
  bad('boolean', 1, 'expected yes or no, got 1'),

  // enums, case-insensitively, stored canonically
  ok('group', 'light', 'light'),
  ok('group', 'Light', 'light'),
  ok('group', ' HEAVY ', 'heavy'),
  bad('group', 'medium', 'expected one of "light", "heavy", got "medium"'),

  // text, trimmed with inner whitespace collapsed
  ok('text', '  Rare   earth\n elements ', 'Rare earth elements'),
  ok('text', 'a\u00a0\tb', 'a b'),
  ok('text', 2010, '2010'),
  ok('text', formatted(45299, 'DATE'), '2024-01-08'),
  // A number typed into a text column is kept as the sheet shows it, not as the stored number.
  ok('text', formatted(0.6, 'PERCENT', '60%'), '60%'),
  ok('text', formatted(1500, 'CURRENCY', '$1,500.00'), '$1,500.00'),
  bad('year', formatted(45473, 'DATE', '2024-06-30'), 'expected a year from 1000 to 2999, got "2024-06-30"'),
  bad('text', true, 'expected text, got true'),
  ok('symbol', ' Nd ', 'Nd'),
  bad('symbol', 'nd', 'expected a chemical symbol such as Nd, got "nd"'),

  // empty and error cells, the same in every column type
  bad('text', '', 'required, but empty'),
  bad('percent', '   ', 'required, but empty'),
  bad('date', null, 'required, but empty'),
  bad('boolean', undefined, 'required, but empty'),
  ok('optionalDate', '', null),
  ok('optionalText', '  ', null),
  ok('optionalNumber', null, null),
  ok('optionalDate', undefined, null),
  ok('optionalDate', 'Jan 8, 2024', '2024-01-08'),
  // placeholders for "no value", one rule for every column type: leave the cell empty instead
  bad(
    'optionalDate',
    'n/a',
    '"n/a" stands for no value: leave the cell empty instead, which this column allows',
  ),
  bad(
    'optionalNumber',
    ' - ',
    '"-" stands for no value: leave the cell empty instead, which this column allows',
  ),
  bad(
    'optionalText',
    'None',
    '"None" stands for no value: leave the cell empty instead, which this column allows',
  ),
  bad(
    'optionalText',
    'N/A',
    '"N/A" stands for no value: leave the cell empty instead, which this column allows',
  ),
  bad('text', '—', '"—" stands for no value, but this column needs one: write the value'),
  bad('share', 'null', '"null" stands for no value, but this column needs one: write the value'),
  bad('boolean', 'nil', '"nil" stands for no value, but this column needs one: write the value'),
  ok('optionalText', 'None known', 'None known'),
  ok('text', 'Nonetheless', 'Nonetheless'),
  bad('percent', '#REF!', 'the cell holds a formula error (#REF!)'),
  bad('decimal', '#N/A', 'the cell holds a formula error (#N/A)'),
  bad('integer', '#DIV/0!', 'the cell holds a formula error (#DIV/0!)'),
  bad('date', '#VALUE!', 'the cell holds a formula error (#VALUE!)'),
  bad('text', '#NAME?', 'the cell holds a formula error (#NAME?)'),
  bad('optionalText', '#N/A', 'the cell holds a formula error (#N/A)'),
  bad('decimal', '#CALC!', 'the cell holds a formula error (#CALC!)'),
  bad('text', ' #getting_data ', 'the cell holds a formula error (#GETTING_DATA)'),
  bad(
    'optionalNumber',
    'Loading...',
    'the cell is still loading its formula’s data (Loading...); sync again once it shows a value',
  ),

  bad(
    'integer',
    1e20,
    '100000000000000000000 is beyond ±9007199254740991, the whole numbers that can be kept exactly',
  ),

  // text a reader could not be given, and lengths counted in characters
  bad(
    'text',
    'a\u0000b',
    'the text holds an invisible control character (U+0000); retype the cell without it',
  ),
  bad(
    'text',
    'bell\u0007',
    'the text holds an invisible control character (U+0007); retype the cell without it',
  ),
  bad(
    'text',
    'cut \ud83d',
    'the text holds half of a character (an unpaired surrogate, as from a cut emoji); retype it',
  ),
  ok('text', 'ok \ud83d\ude00', 'ok \ud83d\ude00'),
  ok('shortText', '\ud83d\ude00\ud83d\ude00\ud83d\ude00', '\ud83d\ude00\ud83d\ude00\ud83d\ude00'),
  bad('shortText', 'abcd', 'expected text of at most 3 characters, got "abcd"'),
  bad(
    'shortText',
    'y'.repeat(5000),
    `expected text of at most 3 characters, got "${'y'.repeat(200)}… (5000 characters)"`,
  ),

  // zero-width characters pasted in are as invisible as spaces
  bad('text', '\u200B', 'required, but empty'),
  bad('symbol', ' \u200D\u2060\uFEFF ', 'required, but empty'),
  ok('optionalText', '\u200B\u200C', null),
  ok('text', '\u200BNeodymium\u200B ', 'Neodymium'),
  ok('text', 'Chi\u200Bna\u2060', 'China'),
  ok('text', 'New \u200B York', 'New York'),
  ok('text', 'Cafe\u0301', 'Caf\u00e9'),
  ok('shortText', 'e\u0301e\u0301e\u0301', '\u00e9\u00e9\u00e9'),
  ok('text', 'loading...', 'loading...'),
  ok('text', `x${' \u200B'.repeat(50_000)}x`, 'x x'),
  ok('year', '2024\u200B', 2024),
  bad('decimal', '\u200B#N/A', 'the cell holds a formula error (#N/A)'),
  ok('text', 'family \u{1F468}\u200D\u{1F469}', 'family \u{1F468}\u200D\u{1F469}'),
];
