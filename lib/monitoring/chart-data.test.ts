import { describe, expect, it } from "vitest";
import { hasValues, withGaps } from "./chart-data";
import type { MetricsPoint } from "./series";

const point = (t: number, calls: number): MetricsPoint => ({
  t,
  calls,
  ok: calls,
  failed: 0,
  imagesOk: calls,
  imagesFailed: 0,
  bytesIn: calls * 2048,
  bytesOut: calls * 300,
  p50: calls ? 120 : null,
  p95: calls ? 300 : null,
  avgMs: calls ? 150 : null,
});

describe("chart data", () => {
  it("latency and traffic are gaps (null), not 0, where a bucket had no calls", () => {
    const rows = withGaps([point(0, 2), point(60_000, 0), point(120_000, 1)]);
    expect(rows[1]).toMatchObject({ calls: 0, ok: 0, p50: null, p95: null, bytesIn: null, bytesOut: null });
    expect(rows[0]).toMatchObject({ p50: 120, bytesIn: 4096 });
    expect(rows[2]).toMatchObject({ p95: 300, bytesOut: 300 });
  });

  it("tells an empty series (暂无数据) from one with values", () => {
    expect(hasValues(withGaps([point(0, 0), point(1, 0)]), ["p50", "p95"])).toBe(false);
    expect(hasValues(withGaps([point(0, 0), point(1, 3)]), ["p50", "p95"])).toBe(true);
    // an error rate of 0 % is a value; zero calls in every bucket is not
    expect(hasValues([{ errorRate: null }, { errorRate: 0 }], ["errorRate"])).toBe(true);
    expect(hasValues([{ errorRate: null }, { errorRate: null }], ["errorRate"])).toBe(false);
    expect(hasValues([{ calls: 0 }, { calls: 0 }], ["calls"], { positive: true })).toBe(false);
  });
});
