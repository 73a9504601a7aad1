import { describe, expect, it } from "vitest";
import { summarise } from "./capabilities";

const NOW = new Date("2026-06-01T00:00:00Z");
const day = 24 * 3600_000;
const pack = (o: Partial<Parameters<typeof summarise>[1][number]> = {}) => ({
  callsTotal: 1000,
  callsUsed: 0,
  startsAt: new Date(NOW.getTime() - day),
  expiresAt: new Date(NOW.getTime() + 30 * day),
  source: "order" as const,
  status: "active" as const,
  ...o,
});

describe("我的能力 status", () => {
  it.each([
    ["no pack", [], "待付费", 0, 0],
    ["a valid pack with calls left", [pack({ callsUsed: 10 })], "已开通", 990, 1000],
    ["packs stack", [pack(), pack({ callsTotal: 10000, callsUsed: 500 })], "已开通", 10500, 11000],
    ["used up", [pack({ callsUsed: 1000 })], "已用完", 0, 1000],
    ["expired", [pack({ expiresAt: new Date(NOW.getTime() - day) })], "已过期", 0, 0],
    ["cancelled only", [pack({ status: "cancelled" })], "待付费", 0, 0],
  ] as const)("%s → %s", (_, packs, status, remaining, total) => {
    const c = summarise("general", [...packs], NOW);
    expect(c).toMatchObject({ status, remaining, total });
  });

  it("reports the nearest expiry among valid packs and counts bought packs without the free one", () => {
    const soon = new Date(NOW.getTime() + 5 * day);
    const c = summarise("idcard", [pack({ source: "free", expiresAt: soon }), pack(), pack({ expiresAt: new Date(NOW.getTime() - day) })], NOW);
    expect(c.nearestExpiry?.toISOString()).toBe(soon.toISOString());
    expect(c.packsBought).toBe(2);
    expect(c.freeClaimed).toBe(true);
    expect(c.label).toBe("身份证识别");
  });
});
