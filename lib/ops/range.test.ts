import { describe, expect, it } from "vitest";
import { dateToShanghaiLocal, fenToYuanInput, shanghaiLocalToDate, yuanToFen } from "./money";
import { bucketLabel, bucketOf, bucketsFor, RANGE_KEYS } from "./range";

describe("yuanToFen", () => {
  it.each([
    ["12.5", 1250],
    ["0.07", 7],
    ["3", 300],
    [" 48888.88 ", 4888888],
    ["0", 0],
    ["1.234", null],
    ["-1", null],
    ["1e3", null],
    ["", null],
    ["12.", null],
  ])("%j → %j", (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it("round-trips through the input format", () => {
    for (const fen of [0, 7, 1250, 4888888]) expect(yuanToFen(fenToYuanInput(fen))).toBe(fen);
  });
});

describe("Shanghai datetime-local", () => {
  it("reads the input as Beijing time and writes it back", () => {
    const d = shanghaiLocalToDate("2031-01-01T00:00")!;
    expect(d.toISOString()).toBe("2030-12-31T16:00:00.000Z");
    expect(dateToShanghaiLocal(d)).toBe("2031-01-01T00:00");
    expect(shanghaiLocalToDate("2031-13-01")).toBeNull();
  });
});

describe("bucketsFor", () => {
  const now = new Date("2026-11-25T18:16:09Z"); // 2026-11-26 02:16:09 in Shanghai

  it.each([
    ["1h", 60, "02:16"],
    ["24h", 96, "02:15"],
    ["7d", 84, "11-26 02:00"],
    ["30d", 30, "11-26"],
  ] as const)("%s has %d buckets, the last one labelled %s", (range, n, last) => {
    const b = bucketsFor(range, now);
    expect(b.starts).toHaveLength(n);
    expect(bucketLabel(range, b.starts.at(-1)!)).toBe(last);
    expect(bucketOf(b, now)).toBe(n - 1);
    expect(bucketOf(b, new Date(b.start.getTime() - 1))).toBe(-1);
  });

  it("aligns day buckets to midnight in Shanghai", () => {
    const b = bucketsFor("30d", now);
    expect(b.starts.at(-1)!.toISOString()).toBe("2026-11-25T16:00:00.000Z");
    expect(RANGE_KEYS).toEqual(["1h", "24h", "7d", "30d"]);
  });
});
