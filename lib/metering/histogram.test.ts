import { describe, expect, it } from "vitest";
import { HISTOGRAM_LENGTH, LATENCY_BOUNDS_MS, bucketIndex, emptyHistogram, mergeHistograms, percentileMs } from "./histogram";

describe("latency histogram", () => {
  it("puts a latency in the first bucket whose bound it does not exceed", () => {
    expect(bucketIndex(0.3)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.5)).toBe(1);
    expect(bucketIndex(150)).toBe(LATENCY_BOUNDS_MS.indexOf(200));
    expect(bucketIndex(1e9)).toBe(HISTOGRAM_LENGTH - 1);
  });
  it("reads p50 and p95 from merged minutes", () => {
    const a = emptyHistogram();
    a[bucketIndex(8)] = 50; // (5,10]
    const b = emptyHistogram();
    b[bucketIndex(80)] = 45; // (50,100]
    b[bucketIndex(800)] = 5; // (500,1000]
    const h = mergeHistograms([a, b, null]);
    const p50 = percentileMs(h, 0.5)!;
    expect(p50).toBeGreaterThan(5);
    expect(p50).toBeLessThanOrEqual(10);
    const p95 = percentileMs(h, 0.95)!;
    expect(p95).toBeGreaterThan(50);
    expect(p95).toBeLessThanOrEqual(100);
    expect(percentileMs(h, 0.99)!).toBeGreaterThan(500);
    expect(percentileMs(emptyHistogram(), 0.5)).toBeNull();
  });
});
