import { describe, expect, it } from "vitest";
import { canonicalQuery, eopDateAccepted, eopReplayUntil, formatEopDate, parseEop, parseEopDate, signEop, UTC8_OFFSET_MS, verifyEop } from "./eop";

const SK = "0123456789abcdef0123456789abcdef";
const AK = "fedcba9876543210fedcba9876543210";
const BODY = '{"data": ["aGVsbG8="]}';
const URL0 = new URL("http://x/v1/aiop/api/abc/ocrdetect/ocr/v1/image.json");

describe("EOP signature", () => {
  it("matches a signature computed independently (Python hmac/hashlib/base64)", () => {
    const h = signEop({ ak: AK, sk: SK, appKey: "k1", body: BODY, requestId: "r-1", eopDate: "20260101T120000Z" });
    expect(h["Eop-Authorization"]).toBe(`${AK} Headers=appkey;ctyun-eop-request-id;eop-date Signature=hYUATpUqgtesJdCDovGPv0Q5KqvLA8PBUk5kVQSptLQ=`);
    const now = Date.UTC(2026, 0, 1, 12, 1, 0);
    const cred = parseEop(new Headers(h), URL0, now);
    expect(verifyEop(cred, SK, Buffer.from(BODY))).toBe(true);
    expect(verifyEop(cred, SK, Buffer.from(BODY + " "))).toBe(false);
    expect(verifyEop(cred, SK.replace("0", "1"), Buffer.from(BODY))).toBe(false);
  });

  it("reads eop-date as UTC and refuses impossible dates", () => {
    expect(parseEopDate("20260101T120000Z")).toBe(Date.UTC(2026, 0, 1, 12));
    expect(parseEopDate("20260230T120000Z")).toBeNull();
    expect(parseEopDate("20260101T250000Z")).toBeNull();
    expect(parseEopDate("20260101T120000")).toBeNull();
    expect(formatEopDate(new Date(Date.UTC(2026, 10, 29, 6, 5, 9, 123)))).toBe("20261129T060509Z");
  });

  it("accepts a date within 5 minutes of server UTC or of server time read as UTC+8, nothing between", () => {
    const now = Date.UTC(2026, 0, 1, 12);
    const ok = (offMin: number) => eopDateAccepted(now + offMin * 60_000, now);
    expect([ok(0), ok(-5), ok(5), ok(480), ok(475), ok(485)]).toEqual([true, true, true, true, true, true]);
    expect([ok(-6), ok(6), ok(60), ok(474), ok(486), ok(-480)]).toEqual([false, false, false, false, false, false]);
    // a Beijing-time request is remembered until its UTC reading's window closes (8 h later)
    expect(eopReplayUntil(now + UTC8_OFFSET_MS)).toBe(now + UTC8_OFFSET_MS + 5 * 60_000);
  });

  it("sorts the query by key then value", () => {
    expect(canonicalQuery(new URLSearchParams("b=2&a=3&a=1"))).toBe("a=1&a=3&b=2");
    expect(canonicalQuery(new URLSearchParams(""))).toBe("");
  });
});
