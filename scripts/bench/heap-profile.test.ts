import { describe, expect, it } from 'vitest';
import { allocationSites, type HeapProfileNode } from './heap-profile.ts';

const node = (
  functionName: string,
  url: string,
  selfSize: number,
  children: HeapProfileNode[] = [],
): HeapProfileNode => ({ callFrame: { functionName, url, lineNumber: 9 }, selfSize, children });

describe('allocationSites', () => {
  it('sums bytes by allocating function, naming runtime code by its script caller, most first', () => {
    const profile = {
      head: node('(root)', '', 0, [
        node('ndjsonLines', 'file:///tmp/worker-entry.js', 100, [
          node('next', '', 600, [node('', '', 200)]),
          node('decoded', 'file:///tmp/worker-entry.js', 50),
        ]),
        node('checkedFeed', 'file:///tmp/worker-entry.js', 0, [
          node('ndjsonLines', 'file:///tmp/worker-entry.js', 50),
        ]),
        node('(V8 API)', '', 0),
      ]),
    };
    expect(allocationSites(profile)).toEqual([
      { name: 'next (native) ← ndjsonLines worker-entry.js:10', bytes: 600, share: 0.6 },
      { name: '(anonymous) (native) ← ndjsonLines worker-entry.js:10', bytes: 200, share: 0.2 },
      { name: 'ndjsonLines worker-entry.js:10', bytes: 150, share: 0.15 },
      { name: 'decoded worker-entry.js:10', bytes: 50, share: 0.05 },
    ]);
  });

  it('answers nothing for an empty profile', () => {
    expect(allocationSites({ head: node('(root)', '', 0) })).toEqual([]);
  });
});
