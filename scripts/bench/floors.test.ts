import { describe, expect, it } from 'vitest';
import { floorName, floorsOf, shapeOf } from './floors.ts';

describe('the floors of a scenario', () => {
  it('replays a small body with its own headers as it is, and checks the target against it', () => {
    const floors = floorsOf('latest 100 rows (JSON)', 'body', 200, 21_273);
    expect(floors.target).toBe('sameHeaders');
    expect(floors.sameHeaders).toEqual({
      key: 'floor:shaped:latest 100 rows (JSON)',
      path: '/shaped/buffer?name=latest%20100%20rows%20(JSON)',
      status: 200,
    });
    expect(floors.bare.map((job) => job.path)).toEqual(['/fixed?size=21273', '/buffer?size=21273']);
  });

  it('writes a body over 64 KiB through a FixedLengthStream, as Assay does', () => {
    expect(floorsOf('x', 'body', 200, 64 * 1024).sameHeaders.path).toBe('/shaped/buffer?name=x');
    expect(floorsOf('x', 'body', 200, 64 * 1024 + 1).sameHeaders.path).toBe('/shaped/fixed?name=x');
  });

  it('holds a revalidation to the constant empty 304, its headers shown beside', () => {
    const floors = floorsOf('304', 'not-modified', 304, 0);
    expect(floors.target).toBe('bare');
    expect(floors.bare).toEqual([{ key: 'floor:not-modified', path: '/not-modified', status: 304 }]);
    expect(floors.sameHeaders.status).toBe(304);
  });

  it('keeps every header of the answer but those the runtime sets from the body', () => {
    const shape = shapeOf('x', 200, 10, [
      ['content-type', 'application/json'],
      ['Content-Length', '10'],
      ['etag', '"a"'],
      ['transfer-encoding', 'chunked'],
    ]);
    expect(shape).toEqual({
      name: 'x',
      status: 200,
      size: 10,
      headers: [
        ['content-type', 'application/json'],
        ['etag', '"a"'],
      ],
    });
  });

  it('names each floor for the tables', () => {
    expect(floorName('floor:not-modified')).toBe('empty 304');
    expect(floorName('floor:shaped:catalogue')).toBe('same headers: catalogue');
    expect(floorName('floor:fixed:3803')).toBe('FixedLengthStream 3803 B');
    expect(floorName('floor:buffer:3803')).toBe('Uint8Array 3803 B');
  });
});
