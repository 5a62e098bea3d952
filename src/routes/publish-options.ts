import { z } from '@hono/zod-openapi';
import { clipped } from '../datasets/cell.ts';
import { utf8Length } from '../store/utf8-length.ts';

/** `source` is stored with every version and repeated in the history, so it stays small. */
const maxSourceBytes = 4096;

/** Bytes of a value as UTF-8 JSON; Infinity when it is nested too deep to serialize (it is untrusted). */
function serializedBytes(value: unknown): number {
  try {
    return utf8Length(JSON.stringify(value));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** A whole-number member with one message for every way it can be wrong, saying what it is for. */
export const wholeNumber = (name: string, min: number, meaning: string) => {
  const error = (issue: { code?: string }) =>
    issue.code === 'too_big'
      ? `${name} is larger than any version can be (at most ${Number.MAX_SAFE_INTEGER}): ${meaning}.`
      : `${name} must be a whole number of at least ${min}: ${meaning}.`;
  return z.number({ error }).int({ error }).min(min, { error });
};

/**
 * JSON.parse makes a `__proto__` member an own one, which copying the record would turn into a
 * prototype and drop without a word; it is refused like any member that cannot be kept.
 */
const noProtoMember = z.unknown().superRefine((value, ctx) => {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
    ctx.addIssue({
      code: 'custom',
      path: ['__proto__'],
      message: 'source may not have a member named "__proto__"; rename it.',
    });
});

export const Source = noProtoMember
  .pipe(
    z.record(z.string(), z.unknown(), {
      error: 'source must be an object of details, like {"kind": "google", "tab": "Production"}.',
    }),
  )
  .refine((source) => serializedBytes(source) <= maxSourceBytes, {
    message: `source must serialize to at most ${maxSourceBytes} bytes of JSON.`,
  })
  .openapi({
    // The pipe hides the record's shape from the generator; it is stated here.
    type: 'object',
    additionalProperties: {},
    description: 'Where the rows came from (spreadsheet id, tab, revision…), recorded with the version.',
    example: { kind: 'google', spreadsheet: '1AbC…', tab: 'Production' },
  });

/**
 * What is wrong with a body as a whole. A member the contract does not name is refused, not dropped:
 * `basVersion` or `froce` would otherwise publish without the check the caller meant.
 */
export const bodyError = (members: string) => (issue: { code?: string; keys?: string[] }) => {
  if (issue.code === 'unrecognized_keys')
    return `unknown member ${clipped((issue.keys ?? []).map((key) => JSON.stringify(key)).join(', '))}; the members are ${members}`;
  if (issue.code === 'invalid_type') return `The request body must be a JSON object with ${members}.`;
  return undefined;
};

export const forceMember = z.boolean({ error: 'force must be true or false.' }).optional();

export const forceDescription =
  "Publish even if more rows would go than the dataset's shrink guard allows. Needs an admin token: a publish token gets 403.";

export const baseVersionMember = wholeNumber(
  'baseVersion',
  0,
  'the version the rows were edited from (0 when none)',
).openapi({
  description: 'The version these rows were edited from (0: none yet); 409 if the head has moved on.',
});

/** The options a publish of rows takes besides them, in a JSON body or on an NDJSON body's line 1. */
export const publishOptionMembers = {
  source: Source.optional(),
  baseVersion: baseVersionMember.optional(),
  force: forceMember.openapi({ description: forceDescription }),
};

/** The first line of an NDJSON publish: the options a JSON publish sends beside its rows. */
export const PublishOptionsLine = z.strictObject(publishOptionMembers, {
  error: bodyError('source, baseVersion, force'),
});
