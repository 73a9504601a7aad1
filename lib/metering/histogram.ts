/**
 * Latency histogram of call_rollups.lat_hist: lat_hist[i] counts calls whose total
 * latency was ≤ LATENCY_BOUNDS_MS[i] ms (and above the previous bound); the last
 * element counts everything slower than the last bound. Monitoring charts merge
 * the minutes they show and read percentiles with percentileMs.
 */
export const LATENCY_BOUNDS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000] as const;
export const HISTOGRAM_LENGTH = LATENCY_BOUNDS_MS.length + 1;

/** Index (0-based) of the bucket a latency falls in. */
export function bucketIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]!) return i;
  return LATENCY_BOUNDS_MS.length;
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_LENGTH).fill(0);
}

/** Element-wise sum; shorter or missing arrays count as zeros. */
export function mergeHistograms(hists: readonly (readonly number[] | null | undefined)[]): number[] {
  const out = emptyHistogram();
  for (const h of hists) {
    if (!h) continue;
    for (let i = 0; i < Math.min(h.length, HISTOGRAM_LENGTH); i++) out[i]! += h[i] ?? 0;
  }
  return out;
}

/**
 * The q-quantile (0 < q ≤ 1, e.g. 0.5 for p50, 0.95 for p95) in ms, interpolated
 * linearly inside its bucket; null for an empty histogram. Calls in the overflow
 * bucket report the last bound.
 */
export function percentileMs(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.min(Math.max(q, 0), 1) * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
      const lo = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const hi = LATENCY_BOUNDS_MS[i]!;
      return lo + ((hi - lo) * (rank - seen)) / n;
    }
    seen += n;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
}
