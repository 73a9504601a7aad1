/**
 * An image file's container and size from its first bytes, without decoding it: the
 * gateway refuses 4009/4011 before queueing an image, and the playground refuses the
 * same files in the browser before uploading them. Browser-safe on purpose — plain
 * Uint8Array and DataView, no Buffer, no node:* imports — so both sides share it.
 */
export type ImageFormat = "png" | "jpeg" | "bmp";

/** The container by its signature (never by file name or MIME type); null for anything refused. */
export function sniffFormat(b: Uint8Array): ImageFormat | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return "png";
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) return "bmp";
  return null;
}

/**
 * Width and height from the file header; null when the header is not understood
 * (the engine then decides, e.g. 4007 for a corrupt file).
 */
export function imageSize(b: Uint8Array, format: ImageFormat): { width: number; height: number } | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (format === "png") {
    if (b.length < 24) return null;
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (format === "bmp") {
    if (b.length < 26) return null;
    return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  }
  // JPEG: walk the marker segments to the first SOFn.
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = v.getUint16(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: v.getUint16(i + 5), width: v.getUint16(i + 7) };
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}
