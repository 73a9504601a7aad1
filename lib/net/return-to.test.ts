import { describe, expect, it } from "vitest";
import { returnLabel, safeReturnPath } from "./return-to";

describe("returnTo", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeReturnPath("/console/orders/ord_1/pay")).toBe("/console/orders/ord_1/pay");
    expect(safeReturnPath("/console/apps/app_1?tab=x")).toBe("/console/apps/app_1?tab=x");
  });

  it("refuses anything a browser would take to another origin", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "console", "/a\nb", "", null, 42, "/%2F%2Fevil"])
      expect(safeReturnPath(bad, "/console/")).toBeNull();
  });

  it("can be limited to the console", () => {
    expect(safeReturnPath("/ops/accounts", "/console/")).toBeNull();
    expect(safeReturnPath("/console/../ops", "/console/")).toBeNull();
  });

  it("names the way back", () => {
    expect(returnLabel("/console/orders/ord_1/pay")).toBe("返回订单支付");
    expect(returnLabel("/console/apps/app_1")).toBe("返回应用");
  });
});
