import { describe, expect, it } from "vitest";
import { payOrderSchema, topupSchema } from "./schemas";

describe("topupSchema (yuan → fen, no floating point)", () => {
  it.each([
    ["100", 10000],
    ["1", 100],
    ["0.1", null],
    ["1.5", 150],
    ["19.99", 1999],
    ["100000", 10_000_000],
    ["100000.01", null],
    ["1.999", null],
    ["-5", null],
    ["abc", null],
    [" 12.30 ", 1230],
  ])("%s → %s", (amount, fen) => {
    const r = topupSchema.safeParse({ amount });
    expect(r.success ? r.data.amount : null).toBe(fen);
  });
});

describe("payOrderSchema", () => {
  const orderId = "20201105144349848445";
  it.each([
    { in: { orderId }, ok: true },
    { in: { orderId, voucherId: "vch_1", couponId: "" }, ok: true },
    { in: { orderId, voucherId: "vch_1", couponId: "cpn_1" }, ok: false },
    { in: { orderId: "123" }, ok: false },
    { in: { orderId, method: "cash" }, ok: false },
  ])("$in → $ok", ({ in: input, ok }) => {
    expect(payOrderSchema.safeParse(input).success).toBe(ok);
  });
  it("reads empty selects as none", () => {
    const r = payOrderSchema.parse({ orderId, voucherId: "", couponId: "" });
    expect(r).toEqual({ orderId, voucherId: null, couponId: null, method: "balance" });
  });
});
