import { describe, expect, it } from "vitest";
import { clipPath, dailyRateLabel, forecastQuota, forecastText } from "./forecast";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 29, 4);
const date = (t: number) => new Date(t).toISOString().slice(0, 10);

describe("burn-down forecast", () => {
  it("with no usage says 按当前用量不会用完 and when the pack expires, with the days left", () => {
    const { forecast } = forecastQuota([{ left: 1000, expiresAt: now + 400 * DAY }], 0, now);
    expect(forecast).toEqual({ kind: "idle", until: now + 400 * DAY, daysLeft: 400, leftAtExpiry: 1000 });
    expect(forecastText(forecast, 0, date)).toBe("近 7 天没有调用，按当前用量不会用完；资源包 2028-01-03 到期（还有 400 天）");
  });

  it("never forecasts past the pack's expiry: a slow rate says 到期前不会用完 and what is left then", () => {
    // the case: 1100 calls, a trickle of use, a pack that expires within the year
    const rate = 3 / 7;
    const { forecast, path } = forecastQuota([{ left: 1100, expiresAt: now + 365 * DAY }], rate, now);
    expect(forecast.kind).toBe("outlasts");
    if (forecast.kind !== "outlasts") return;
    expect(forecast.until).toBe(now + 365 * DAY);
    expect(forecast.daysLeft).toBe(365);
    expect(forecast.leftAtExpiry).toBe(Math.round(1100 - 365 * rate));
    expect(Math.max(...path.map((p) => p.t))).toBeLessThanOrEqual(now + 365 * DAY + 1);
    expect(forecastText(forecast, rate, date)).toBe(
      `按近 7 天的用量（日均 0.4 次），到期前不会用完：资源包 2027-11-29 到期（还有 365 天），到期时剩余约 ${Math.round(1100 - 365 * rate)} 次`,
    );
  });

  it("a quota used up before its expiry gets a date and the days left", () => {
    const { forecast, path } = forecastQuota([{ left: 100, expiresAt: now + 300 * DAY }], 10, now);
    expect(forecast).toEqual({ kind: "runsOut", at: now + 10 * DAY, daysLeft: 10, expiring: 0 });
    expect(path).toEqual([
      { t: now, left: 100 },
      { t: now + 10 * DAY, left: 0 },
    ]);
    expect(forecastText(forecast, 10, date)).toBe("按近 7 天的用量（日均 10 次），预计 2026-12-09 用完（还有 10 天）");
  });

  it("spends packs earliest expiry first: an early pack's unused calls expire, the later pack runs out", () => {
    // 50 calls expire in 2 days (only 20 get used), then 100 more at 10 a day
    const { forecast, path } = forecastQuota(
      [
        { left: 100, expiresAt: now + 300 * DAY },
        { left: 50, expiresAt: now + 2 * DAY },
      ],
      10,
      now,
    );
    expect(forecast).toEqual({ kind: "runsOut", at: now + 12 * DAY, daysLeft: 12, expiring: 30 });
    expect(path).toEqual([
      { t: now, left: 150 },
      { t: now + 2 * DAY, left: 130 },
      { t: now + 2 * DAY + 1, left: 100 },
      { t: now + 12 * DAY, left: 0 },
    ]);
    expect(forecastText(forecast, 10, date)).toContain("其间约 30 次将随资源包到期作废");
  });

  it("nothing left, or only expired packs: 额度已用完", () => {
    expect(forecastQuota([], 5, now).forecast).toEqual({ kind: "empty" });
    expect(forecastQuota([{ left: 10, expiresAt: now - 1 }], 5, now).forecast).toEqual({ kind: "empty" });
    expect(forecastText({ kind: "empty" }, 0, date)).toBe("额度已用完");
  });

  it("never shows 日均 0 次", () => {
    expect(dailyRateLabel(0.01)).toBe("日均不足 0.1 次");
    expect(dailyRateLabel(0.43)).toBe("日均 0.4 次");
    expect(dailyRateLabel(1234.4)).toBe("日均 1,234 次");
  });

  it("the chart's dashed line stops at the horizon", () => {
    const path = [
      { t: 0, left: 100 },
      { t: 100, left: 0 },
    ];
    expect(clipPath(path, 30)).toEqual([
      { t: 0, left: 100 },
      { t: 30, left: 70 },
    ]);
    expect(clipPath(path, 200)).toEqual(path);
  });
});
