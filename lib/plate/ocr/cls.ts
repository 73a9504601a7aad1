/** PP-OCR mobile v2 direction classifier: is a text crop upside down? */
import { loadModels, ort } from "./models";
import { resizeRaw, type RawImage } from "./image";

export async function upsideDownProbability(crop: RawImage): Promise<number> {
  const { cls } = await loadModels();
  const H = 48, W = 192;
  const w = Math.min(W, Math.max(8, Math.round((crop.width * H) / crop.height)));
  const img = resizeRaw(crop, w, H);
  const t = new Float32Array(3 * H * W);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      t[0 * H * W + y * W + x] = img.data[i + 2] / 127.5 - 1;
      t[1 * H * W + y * W + x] = img.data[i + 1] / 127.5 - 1;
      t[2 * H * W + y * W + x] = img.data[i] / 127.5 - 1;
    }
  const out = await cls.run({ [cls.inputNames[0]]: new ort.Tensor("float32", t, [1, 3, H, W]) });
  const d = out[cls.outputNames[0]].data as Float32Array;
  return d[1];
}
