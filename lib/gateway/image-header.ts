/**
 * Width and height from an image file's header, without decoding it, so the gateway
 * can refuse 4011 before queueing the image. null when the header is not understood
 * (the engine then decides, e.g. 4007 for a corrupt file).
 */
import type { ImageFormat } from "@/lib/engine/decode";

export function imageSize(buf: Buffer, format: ImageFormat): { width: number; height: number } | null {
  if (format === "png") {
    if (buf.length < 24) return null;
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (format === "bmp") {
    if (buf.length < 26) return null;
    return { width: Math.abs(buf.readInt32LE(18)), height: Math.abs(buf.readInt32LE(22)) };
  }
  // JPEG: walk the marker segments to the first SOFn.
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}
