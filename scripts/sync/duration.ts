const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `5m`, `1.5h` → milliseconds; undefined for anything else (a unit is required). */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return Math.round(Number(match[1]) * (units[match[2]] ?? Number.NaN));
}

/** 1200 → "1.2 s", 90000 → "1.5 min": for messages, not for parsing back. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
