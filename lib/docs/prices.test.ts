import { describe, expect, it } from "vitest";
import { betaNow } from "./prices";

const now = new Date("2026-06-01T00:00:00Z");

describe("public-beta price", () => {
  it.each([
    ["no beta price", { betaPriceFen: null, betaEndsAt: null }, null],
    ["beta until a later date", { betaPriceFen: 0, betaEndsAt: new Date("2026-11-30T15:59:59Z") }, 0],
    ["beta ended", { betaPriceFen: 0, betaEndsAt: new Date("2026-05-31T00:00:00Z") }, null],
    // what 定价 shows is what an order is charged: a beta price without an end is not applied
    ["beta without an end", { betaPriceFen: 500, betaEndsAt: null }, null],
  ] as const)("%s", (_, row, expected) => {
    expect(betaNow(row, now).betaPriceFen).toBe(expected);
  });
});
