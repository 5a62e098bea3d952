import { maxPlainBytes } from '../../src/render/byte-stream.ts';

/**
 * The floors a scenario is measured against (served by floor-worker.ts), as load jobs:
 *
 * - `sameHeaders`: Assay's own status and header list with a constant body of its exact size, sent
 *   the way Assay sends a body of that size (as it is up to 64 KiB, else through a
 *   FixedLengthStream). What is left between a scenario and this floor is Assay's JavaScript.
 * - `bare`: the least the runtime can answer with: for a body, a constant of the same size with one
 *   header, both as a Uint8Array and through a FixedLengthStream (the faster counts); for a 304, a
 *   constant empty 304.
 *
 * Bodies are held to their same-headers floor, a revalidation to the bare 304 (issue 18).
 */
export type FloorKind = 'body' | 'not-modified';

export interface FloorJob {
  /** Names the job's results; equal keys are measured once a round. */
  key: string;
  /** Path and query on the floor Worker. */
  path: string;
  status: number;
}

export interface ScenarioFloors {
  sameHeaders: FloorJob;
  bare: FloorJob[];
  /** Which of the two the scenario's target is checked against. */
  target: 'sameHeaders' | 'bare';
}

/** What the floor Worker registers for a scenario (`POST /shapes`). */
export interface Shape {
  name: string;
  status: number;
  size: number;
  headers: [string, string][];
}

/** Set by the runtime from the body itself, so a shape leaves them out. */
const framing = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** A scenario's answer as the floor Worker replays it: its status, header list and body size. */
export function shapeOf(
  name: string,
  status: number,
  size: number,
  headers: Iterable<[string, string]>,
): Shape {
  return {
    name,
    status,
    size,
    headers: [...headers].filter(([header]) => !framing.has(header.toLowerCase())),
  };
}

/** The floor jobs of one scenario, given its answer's status and body size. */
export function floorsOf(name: string, kind: FloorKind, status: number, size: number): ScenarioFloors {
  const send = size > maxPlainBytes ? 'fixed' : 'buffer';
  const sameHeaders = {
    key: `floor:shaped:${name}`,
    path: `/shaped/${send}?name=${encodeURIComponent(name)}`,
    status,
  };
  if (kind === 'not-modified') {
    return {
      sameHeaders,
      bare: [{ key: 'floor:not-modified', path: '/not-modified', status: 304 }],
      target: 'bare',
    };
  }
  const bare = (['fixed', 'buffer'] as const).map((way) => ({
    key: `floor:${way}:${size}`,
    path: `/${way}?size=${size}`,
    status: 200,
  }));
  return { sameHeaders, bare, target: 'sameHeaders' };
}

/** A floor job's key as the results name it. */
export function floorName(key: string): string {
  if (key === 'floor:not-modified') return 'empty 304';
  const [, way, rest] = /^floor:([^:]+):(.*)$/.exec(key) ?? [];
  if (way === 'shaped') return `same headers: ${rest}`;
  return `${way === 'fixed' ? 'FixedLengthStream' : 'Uint8Array'} ${rest} B`;
}
