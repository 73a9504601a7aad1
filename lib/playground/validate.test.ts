import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { API_CODES } from "@/lib/api/codes";
import { checkImage } from "@/lib/gateway/validate";
import { base64Length, bytesToBase64, checkCount, checkFileSize, checkImageBytes, imageSize, LIMITS, sniffFormat } from "./validate";

const make = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: "#ffffff" } });
const png = (w: number, h: number) => make(w, h).png().toBuffer();
const jpeg = (w: number, h: number) => make(w, h).jpeg().toBuffer();

/** A minimal 24-bit BMP header (the body is not needed for the header checks). */
function bmp(w: number, h: number): Buffer {
  const b = Buffer.alloc(54);
  b.write("BM", 0, "ascii");
  b.writeUInt32LE(54, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(w, 18);
  b.writeInt32LE(-h, 22); // top-down
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

describe("browser-side image checks", () => {
  it("recognises png, jpeg and bmp by content and reads their sizes", async () => {
    const p = await png(120, 40);
    const j = await jpeg(33, 4000);
    expect(checkImageBytes(p)).toEqual({ ok: true, format: "png", width: 120, height: 40 });
    expect(checkImageBytes(j)).toEqual({ ok: true, format: "jpeg", width: 33, height: 4000 });
    expect(checkImageBytes(bmp(64, 48))).toEqual({ ok: true, format: "bmp", width: 64, height: 48 });
    expect(sniffFormat(new TextEncoder().encode("GIF89a........"))).toBeNull();
    expect(imageSize(p.subarray(0, 10), "png")).toBeNull();
  });

  it("refuses with the API's own codes and messages (4009, 4010, 4011)", async () => {
    const gif = await make(40, 40).gif().toBuffer();
    const webp = await make(40, 40).webp().toBuffer();
    for (const b of [gif, webp, new TextEncoder().encode("hello, not an image at all")]) {
      expect(checkImageBytes(b)).toEqual({ ok: false, code: 4009, message: API_CODES[4009].message });
    }
    const huge = new Uint8Array(LIMITS.maxBytes + 1);
    huge.set(await png(40, 40));
    expect(checkImageBytes(huge)).toEqual({ ok: false, code: 4010, message: "单张图片大小超过 10M" });
    expect(checkFileSize(LIMITS.maxBytes + 1)?.code).toBe(4010);
    expect(checkFileSize(LIMITS.maxBytes)).toBeNull();
    for (const [w, h] of [[31, 100], [100, 31], [5001, 40], [40, 5001]] as const) {
      expect(checkImageBytes(await png(w, h))).toMatchObject({ ok: false, code: 4011, message: API_CODES[4011].message });
    }
    expect(checkImageBytes(bmp(5001, 40))).toMatchObject({ code: 4011 });
    expect(checkImageBytes(await png(32, 32)).ok).toBe(true);
    expect(checkImageBytes(await png(5000, 32)).ok).toBe(true);
  });

  it("agrees with the gateway's checks on every case", async () => {
    const huge = Buffer.alloc(LIMITS.maxBytes + 1);
    (await png(40, 40)).copy(huge);
    const cases: Buffer[] = [
      await png(40, 40),
      await jpeg(64, 64),
      bmp(40, 40),
      await png(31, 40),
      await png(5001, 40),
      await jpeg(20, 20),
      bmp(32, 6000),
      await make(40, 40).gif().toBuffer(),
      Buffer.from("plain text"),
      huge,
    ];
    for (const c of cases) {
      const mine = checkImageBytes(c);
      const theirs = checkImage(c.toString("base64"));
      expect(mine.ok ? 0 : mine.code).toBe(theirs.ok ? 0 : theirs.error.err_code);
      if (!mine.ok && !theirs.ok) expect(mine.message).toBe(theirs.error.err_msg);
    }
  });

  it("counts images per request like the API (4005, 4006)", () => {
    expect(checkCount(0)).toEqual({ code: 4005, message: API_CODES[4005].message });
    expect(checkCount(1)).toBeNull();
    expect(checkCount(50)).toBeNull();
    expect(checkCount(51)).toEqual({ code: 4006, message: API_CODES[4006].message });
  });

  it("encodes Base64 like Buffer does", async () => {
    const b = await jpeg(300, 200);
    expect(bytesToBase64(b)).toBe(b.toString("base64"));
    expect(bytesToBase64(new Uint8Array())).toBe("");
    expect(base64Length(b.length)).toBe(b.toString("base64").length);
  });
});
