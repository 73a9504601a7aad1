import type { RgbImage } from "./image";

/** A small synthetic page (dark bars on white) that exercises detection and recognition once. */
export function warmupImage(): RgbImage {
  const width = 320, height = 96;
  const data = new Uint8Array(width * height * 3).fill(255);
  for (let y = 36; y < 60; y++) {
    for (let x = 24; x < 296; x++) {
      if (x % 28 < 20) data.fill(0, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return { width, height, data };
}
