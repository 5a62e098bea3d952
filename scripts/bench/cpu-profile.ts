/** The parts of a V8 CPU profile (DevTools protocol, `Profiler.stop`) that the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
}

export interface SelfTime {
  /** The function running when sampled; a native one (no script) is named with its caller. */
  name: string;
  samples: number;
  /** Of the samples when the isolate was busy (not idle). */
  share: number;
}

const idle = '(idle)';

/**
 * Samples by the function that was running (its own time, not its callees'), busiest first. A
 * native function such as `Response` is split by the script function that called it, which is what
 * says whose cost it is.
 */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const label = (id: number): string => {
    const node = byId.get(id);
    if (!node) return '(unknown)';
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (url) return `${name} ${url.split('/').at(-1)}:${lineNumber + 1}`;
    const parent = parentOf.get(id);
    const caller = parent === undefined ? undefined : byId.get(parent);
    return caller?.callFrame.url ? `${name} (native) ← ${label(parent as number)}` : name;
  };
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const name = label(id);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const busy = profile.samples.length - (counts.get(idle) ?? 0);
  return [...counts]
    .filter(([name]) => name !== idle)
    .map(([name, samples]) => ({ name, samples, share: busy === 0 ? 0 : samples / busy }))
    .sort((a, b) => b.samples - a.samples);
}
