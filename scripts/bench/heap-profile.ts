/** The parts of a V8 sampling heap profile (DevTools protocol, `HeapProfiler.getSamplingProfile`) read here. */
export interface HeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  /** Bytes sampled as allocated by this function itself (not its callees) and still counted. */
  selfSize: number;
  children: HeapProfileNode[];
}

export interface HeapProfile {
  head: HeapProfileNode;
}

export interface AllocationSite {
  /** The allocating function; runtime code with no script (a stream's read, say) is named with its caller. */
  name: string;
  bytes: number;
  /** Of all the bytes the profile counts. */
  share: number;
}

/** Bytes by the function that allocated them, most first: the heap counterpart of `selfTimes`. */
export function allocationSites(profile: HeapProfile): AllocationSite[] {
  const bytes = new Map<string, number>();
  const walk = (node: HeapProfileNode, caller: string | undefined) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const own = functionName || '(anonymous)';
    const name = url
      ? `${own} ${url.split('/').at(-1)}:${lineNumber + 1}`
      : caller
        ? `${own} (native) ← ${caller}`
        : own;
    if (node.selfSize > 0) bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, url ? name : caller);
  };
  walk(profile.head, undefined);
  const total = [...bytes.values()].reduce((sum, n) => sum + n, 0);
  return [...bytes]
    .map(([name, n]) => ({ name, bytes: n, share: total === 0 ? 0 : n / total }))
    .sort((a, b) => b.bytes - a.bytes);
}
