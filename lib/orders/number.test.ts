import { describe, expect, it } from "vitest";
import { ORDER_NUMBER_RE, orderNumber } from "./number";

describe("orderNumber", () => {
  it.each([
    // 2020-11-05 14:43:49.848 in Shanghai is 06:43:49.848 UTC
    { at: "2020-11-05T06:43:49.848Z", rnd: 445, want: "20201105144349848445" },
    { at: "2020-12-31T16:00:00.000Z", rnd: 7, want: "20210101000000000007" },
    { at: "2026-03-09T23:59:59.999Z", rnd: 999, want: "20260310075959999999" },
  ])("$at → $want", ({ at, rnd, want }) => {
    const n = orderNumber(new Date(at), rnd);
    expect(n).toBe(want);
    expect(n).toMatch(ORDER_NUMBER_RE);
  });
  it("has 20 digits with a random suffix", () => {
    expect(orderNumber(new Date())).toMatch(ORDER_NUMBER_RE);
  });
});
