/**
 * Levenshtein distance between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`: names
 * are compared to suggest one, and a name far longer than any candidate must cost nothing to rule out.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, max + 1);
}

/** How far a name may be from a candidate and still be taken for a slip or a rename of it. */
const tolerance = (a: string, b: string) => Math.max(2, Math.floor(0.4 * Math.max(a.length, b.length)));

/**
 * The candidate `name` most likely stands for: the nearest by edit distance between their `key`s
 * (case and punctuation aside, as the caller defines), if at most 40 % of the longer one (or 2) apart.
 * Undefined when none is that near, or when two are equally near (a guess would mislead).
 */
export function closestName(
  name: string,
  candidates: readonly string[],
  key: (text: string) => string = (text) => text.toLowerCase(),
): string | undefined {
  const wanted = key(name);
  if (wanted === '') return undefined;
  let best: { name: string; distance: number; tied: boolean } | undefined;
  for (const candidate of candidates) {
    const other = key(candidate);
    if (other === '') continue;
    const limit = tolerance(wanted, other);
    const distance = editDistance(wanted, other, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance) best = { name: candidate, distance, tied: false };
    else if (distance === best.distance && key(best.name) !== other) best.tied = true;
  }
  return best && !best.tied ? best.name : undefined;
}
