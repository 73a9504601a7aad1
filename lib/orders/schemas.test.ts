import { describe, expect, it } from "vitest";
import { cartQuery, createOrderSchema, parseCartQuery } from "./schemas";

describe("cart in the URL", () => {
  it.each([
    { q: "1000:1,100000:1", want: [{ tier: 1000, quantity: 1 }, { tier: 100000, quantity: 1 }] },
    { q: "100000:2,1000:3", want: [{ tier: 1000, quantity: 3 }, { tier: 100000, quantity: 2 }] },
    { q: "1000:0,10000:1", want: [{ tier: 10000, quantity: 1 }] },
    { q: "1000:1,1000:2", want: [{ tier: 1000, quantity: 3 }] },
    { q: "1234:1,1000:abc,1000:100,10000:-1", want: [] },
    { q: "", want: [] },
    { q: null, want: [] },
  ])("parses $q", ({ q, want }) => {
    expect(parseCartQuery(q)).toEqual(want);
  });
  it("round-trips", () => {
    const items = [{ tier: 10000000, quantity: 99 }, { tier: 1000, quantity: 1 }];
    expect(parseCartQuery(cartQuery(items))).toEqual([{ tier: 1000, quantity: 1 }, { tier: 10000000, quantity: 99 }]);
  });
  it("needs the agreement and at least one pack", () => {
    expect(createOrderSchema.safeParse({ appId: "a", api: "general", q: "1000:1" }).success).toBe(false);
    expect(createOrderSchema.safeParse({ appId: "a", api: "general", q: "", agree: "on" }).success).toBe(false);
    expect(createOrderSchema.safeParse({ appId: "a", api: "general", q: "1000:1", agree: "on" }).success).toBe(true);
  });
});
