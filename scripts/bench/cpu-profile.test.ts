import { describe, expect, it } from 'vitest';
import { type CpuProfile, selfTimes } from './cpu-profile.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

// (root) → fetch → answer → Response (native); (root) → (idle); (root) → (garbage collector)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
    { id: 2, callFrame: frame('fetch', 'file:///tmp/worker.js', 9), children: [3] },
    { id: 3, callFrame: frame('answer', 'file:///tmp/worker.js', 19), children: [4] },
    { id: 4, callFrame: frame('Response') },
    { id: 5, callFrame: frame('(idle)') },
    { id: 6, callFrame: frame('(garbage collector)') },
  ],
  samples: [4, 4, 4, 3, 2, 5, 5, 5, 5, 6],
};

describe('self time in a CPU profile', () => {
  it('counts the running function, names natives by their caller, and leaves idle out', () => {
    expect(selfTimes(profile)).toEqual([
      { name: 'Response (native) ← answer worker.js:20', samples: 3, share: 0.5 },
      { name: 'answer worker.js:20', samples: 1, share: 1 / 6 },
      { name: 'fetch worker.js:10', samples: 1, share: 1 / 6 },
      { name: '(garbage collector)', samples: 1, share: 1 / 6 },
    ]);
  });

  it('says nothing of a profile with no busy sample', () => {
    expect(selfTimes({ nodes: profile.nodes, samples: [5, 5] })).toEqual([]);
  });
});
