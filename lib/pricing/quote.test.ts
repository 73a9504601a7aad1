import { describe, expect, it } from "vitest";
import { couponDiscount, effectiveUnitPrice, lineAmount, orderTotal, quote, voucherDiscount, type CouponTerms } from "./quote";

describe("effectiveUnitPrice", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it.each([
    { name: "no beta", p: { unitPriceFen: 1000, betaPriceFen: null, betaEndsAt: null }, want: 1000, beta: false },
    { name: "beta running", p: { unitPriceFen: 1000, betaPriceFen: 0, betaEndsAt: new Date("2026-01-02T00:00:00Z") }, want: 0, beta: true },
    { name: "beta ended", p: { unitPriceFen: 1000, betaPriceFen: 0, betaEndsAt: new Date("2025-12-31T00:00:00Z") }, want: 1000, beta: false },
    { name: "beta ends exactly now", p: { unitPriceFen: 1000, betaPriceFen: 0, betaEndsAt: now }, want: 1000, beta: false },
    { name: "beta price without end", p: { unitPriceFen: 1000, betaPriceFen: 500, betaEndsAt: null }, want: 1000, beta: false },
  ])("$name", ({ p, want, beta }) => {
    expect(effectiveUnitPrice(p, now)).toEqual({ unitPriceFen: want, inBeta: beta });
  });
});

describe("order totals", () => {
  it.each([
    { lines: [], want: 0 },
    { lines: [{ unitPriceFen: 1000, quantity: 1 }], want: 1000 },
    { lines: [{ unitPriceFen: 1000, quantity: 1 }, { unitPriceFen: 60000, quantity: 1 }], want: 61000 },
    { lines: [{ unitPriceFen: 3000000, quantity: 99 }], want: 297000000 },
    { lines: [{ unitPriceFen: 0, quantity: 5 }], want: 0 },
  ])("total of %j", ({ lines, want }) => {
    expect(orderTotal(lines)).toBe(want);
  });
  it("refuses fractions and negatives", () => {
    expect(() => lineAmount(10.5, 1)).toThrow();
    expect(() => lineAmount(10, -1)).toThrow();
  });
});

describe("voucherDiscount", () => {
  it.each([
    [61000, 5000, 5000],
    [3000, 5000, 3000],
    [0, 5000, 0],
    [1000, 0, 0],
  ])("total %i, voucher %i → %i", (total, v, want) => {
    expect(voucherDiscount(total, v)).toBe(want);
  });
});

describe("couponDiscount", () => {
  const amt = (thresholdFen: number, amountOffFen: number): CouponTerms => ({ kind: "amount", thresholdFen, amountOffFen });
  const pct = (percentOff: number, thresholdFen = 0): CouponTerms => ({ kind: "percent", thresholdFen, percentOff });
  it.each([
    { name: "满100减20 at 100", total: 10000, c: amt(10000, 2000), want: 2000 },
    { name: "满100减20 below threshold", total: 9999, c: amt(10000, 2000), want: 0 },
    { name: "amount off capped at total", total: 1500, c: amt(0, 2000), want: 1500 },
    { name: "10% of 610.00", total: 61000, c: pct(10), want: 6100 },
    { name: "10% of 0.15 rounds down to 1 fen", total: 15, c: pct(10), want: 1 },
    { name: "15% of 0.99 = 14.85 → 14", total: 99, c: pct(15), want: 14 },
    { name: "33% of 1.00", total: 100, c: pct(33), want: 33 },
    { name: "percent below threshold", total: 5000, c: pct(10, 10000), want: 0 },
    { name: "100% is the whole order", total: 1234, c: pct(100), want: 1234 },
    { name: "empty order", total: 0, c: pct(50), want: 0 },
  ])("$name", ({ total, c, want }) => {
    expect(couponDiscount(total, c)).toBe(want);
  });
});

describe("quote", () => {
  it.each([
    {
      name: "balance covers everything",
      in: { totalFen: 61000, balanceFen: 1_000_000, method: "balance" as const },
      want: { orderFen: 61000, voucherFen: 0, couponFen: 0, payableFen: 61000, balanceFen: 61000, cardFen: 0, shortFen: 0 },
    },
    {
      name: "voucher then balance",
      in: { totalFen: 61000, voucherFen: 1000, balanceFen: 1_000_000, method: "balance" as const },
      want: { orderFen: 61000, voucherFen: 1000, couponFen: 0, payableFen: 60000, balanceFen: 60000, cardFen: 0, shortFen: 0 },
    },
    {
      name: "coupon, balance too low",
      in: { totalFen: 61000, coupon: { kind: "percent" as const, thresholdFen: 0, percentOff: 10 }, balanceFen: 50000, method: "balance" as const },
      want: { orderFen: 61000, voucherFen: 0, couponFen: 6100, payableFen: 54900, balanceFen: 50000, cardFen: 0, shortFen: 4900 },
    },
    {
      name: "card pays the remainder, balance untouched",
      in: { totalFen: 61000, voucherFen: 1000, balanceFen: 1_000_000, method: "card" as const },
      want: { orderFen: 61000, voucherFen: 1000, couponFen: 0, payableFen: 60000, balanceFen: 0, cardFen: 60000, shortFen: 0 },
    },
    {
      name: "voucher bigger than the order",
      in: { totalFen: 1000, voucherFen: 5000, balanceFen: 0, method: "balance" as const },
      want: { orderFen: 1000, voucherFen: 1000, couponFen: 0, payableFen: 0, balanceFen: 0, cardFen: 0, shortFen: 0 },
    },
  ])("$name", ({ in: input, want }) => {
    expect(quote(input)).toEqual(want);
  });
  it("refuses a voucher with a coupon", () => {
    expect(() => quote({ totalFen: 1000, voucherFen: 100, coupon: { kind: "amount", thresholdFen: 0, amountOffFen: 100 }, balanceFen: 0, method: "balance" })).toThrow();
  });
});
