import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSign, normalizeSign, parseTimestamp, verifySign } from "./index";

const md5 = (s: string) => crypto.createHash("md5").update(s, "utf8").digest("hex");

describe("signature", () => {
  it("is the manual's MD5(AppKey + AppSecret + Timestamp + Path + Body), lowercase hex", () => {
    const body = '{"data": ["iVBORw0KGgo="]}';
    const s = computeSign("key", "secret", "1700000000000", "/v1/aiop/api/abc/ocrdetect/ocr/v1/image.json", body);
    expect(s).toBe(md5("keysecret1700000000000/v1/aiop/api/abc/ocrdetect/ocr/v1/image.json" + body));
    expect(s).toMatch(/^[0-9a-f]{32}$/);
  });
  it("verifies against any listed secret and path, and nothing else", () => {
    const body = Buffer.from("{}");
    const sign = computeSign("k", "old", "1700000000000", "/b", body);
    const base = { appKey: "k", timestamp: "1700000000000", body, sign };
    expect(verifySign({ ...base, secrets: ["new", "old"], paths: ["/a", "/b"] })).toBe(true);
    expect(verifySign({ ...base, secrets: ["new"], paths: ["/a", "/b"] })).toBe(false);
    expect(verifySign({ ...base, secrets: ["old"], paths: ["/a"] })).toBe(false);
  });
  it("accepts 13-digit timestamps within 5 minutes only", () => {
    const now = 1_700_000_000_000;
    expect(parseTimestamp(String(now - 299_000), now)).toBe(now - 299_000);
    expect(parseTimestamp(String(now + 299_000), now)).toBe(now + 299_000);
    expect(parseTimestamp(String(now - 301_000), now)).toBeNull();
    expect(parseTimestamp("1700000000", now)).toBeNull();
    expect(parseTimestamp(null, now)).toBeNull();
  });
  it("normalises a Sign header to lowercase and refuses anything but 32 hex digits", () => {
    expect(normalizeSign("ABCDEF0123456789abcdef0123456789")).toBe("abcdef0123456789abcdef0123456789");
    expect(normalizeSign("xyz")).toBeNull();
  });
});

describe("streaming Sign", () => {
  it("hashing the body chunk by chunk gives the same verdict as verifySign over the whole body", async () => {
    const { signHashes, signMatches } = await import("./index");
    const body = Buffer.from('{"data": ["iVBORw0KGgo="]}');
    const sign = computeSign("k", "old", "1700000000000", "/b", body);
    const feed = (secrets: string[], paths: string[]) => {
      const hs = signHashes("k", secrets, "1700000000000", paths);
      for (let i = 0; i < body.length; i += 5) for (const h of hs) h.update(body.subarray(i, i + 5));
      return signMatches(hs, sign);
    };
    expect(feed(["new", "old"], ["/a", "/b"])).toBe(true);
    expect(feed(["new"], ["/a", "/b"])).toBe(false);
    expect(feed(["old"], ["/a"])).toBe(false);
  });
});
