import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { root } from '../worker/wrangler.ts';

/** A numeric option's text → a number in range, or an issue naming the option. */
const count = (option: string, schema: z.ZodNumber, hint: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const parsed = schema.safeParse(text.trim() === '' ? Number.NaN : Number(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: `${option} takes ${hint}; got "${text}".` });
      return z.NEVER;
    });

const benchValues = z.object({
  quick: z.boolean().default(false),
  million: z.boolean().optional(),
  rounds: count('--rounds', z.number().int().min(1).max(100), 'a whole number from 1 to 100'),
  duration: count('--duration', z.number().min(0.1).max(600), 'seconds from 0.1 to 600, like 3 or 1.5'),
  connections: count('--connections', z.number().int().min(1).max(1_000), 'a whole number from 1 to 1000'),
  only: z
    .string()
    .optional()
    .transform((only, ctx) => {
      if (only === undefined) return undefined;
      try {
        if (only.trim() === '') throw new Error('empty');
        return new RegExp(only, 'i');
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `--only takes a pattern of scenario names, like --only 'page|embed'; got "${only}".`,
        });
        return z.NEVER;
      }
    }),
  out: z
    .string()
    .refine((out) => out.trim() !== '', '--out takes a file, like --out /tmp/bench.json')
    .optional(),
});

export interface BenchSettings {
  quick: boolean;
  rounds: number;
  /** Seconds of load per scenario and round. */
  duration: number;
  warmup: number;
  connections: number;
  /**
   * Rows of each measured publish (and full download): 100,000 always (the read scenarios use it),
   * 1,000,000 in a full run or with `--million` (`--no-million` leaves it out).
   */
  publishRows: number[];
  /**
   * Only the read scenarios whose name this matches (case-insensitive), to measure a few of them
   * over more rounds; the publishes still run, as the read scenarios need their data.
   */
  only?: RegExp;
  outFile: string;
}

/** `npm run bench -- …` arguments → the run's settings, or a message naming the option to fix. */
export function benchSettings(argv: readonly string[]): BenchSettings | { error: string } {
  let raw: unknown;
  try {
    raw = parseArgs({
      args: [...argv],
      allowNegative: true,
      options: {
        quick: { type: 'boolean' },
        million: { type: 'boolean' },
        rounds: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        only: { type: 'string' },
        out: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  const parsed = benchValues.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? '' };
  const { quick, million, rounds, duration, connections, only, out } = parsed.data;
  return {
    quick,
    rounds: rounds ?? (quick ? 2 : 5),
    duration: duration ?? (quick ? 1 : 3),
    warmup: quick ? 0.3 : 1,
    connections: connections ?? 10,
    publishRows: (million ?? !quick) ? [100_000, 1_000_000] : [100_000],
    ...(only !== undefined && { only }),
    outFile: out ?? join(root, 'bench/results/latest.json'),
  };
}
