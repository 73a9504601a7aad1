/** PP-OCRv4 text recognition of a straightened crop, with per-character CTC alternatives. */
import { loadModels, ort } from "./models";
import { resizeRaw, warpQuad, quadWidth, quadHeight, type Quad, type RawImage } from "./image";

export type CharChoices = { char: string; p: number }[];
export interface RecResult {
  text: string;
  score: number; // mean top-1 probability of emitted characters
  chars: CharChoices[]; // one entry per emitted character, best first
  /** timestep (column) of each emitted character, as a fraction of the crop width */
  pos: number[];
}

const H = 48;

function toTensor(img: RawImage): ort.Tensor {
  const w = img.width;
  const t = new Float32Array(3 * H * w);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      // PaddleOCR models are trained on BGR
      t[0 * H * w + y * w + x] = img.data[i + 2] / 127.5 - 1;
      t[1 * H * w + y * w + x] = img.data[i + 1] / 127.5 - 1;
      t[2 * H * w + y * w + x] = img.data[i] / 127.5 - 1;
    }
  }
  return new ort.Tensor("float32", t, [1, 3, H, w]);
}

/** Recognise a crop that already holds one upright text line. */
export async function recognizeCrop(crop: RawImage, topK = 5): Promise<RecResult> {
  const { rec, keys } = await loadModels();
  const w = Math.max(16, Math.min(1600, Math.round((crop.width * H) / crop.height)));
  const img = resizeRaw(crop, w, H);
  const out = await rec.run({ [rec.inputNames[0]]: toTensor(img) });
  const o = out[rec.outputNames[0]];
  const [, T, C] = o.dims as number[];
  const p = o.data as Float32Array;
  const chars: CharChoices[] = [];
  const pos: number[] = [];
  let prev = 0;
  let sum = 0;
  for (let t = 0; t < T; t++) {
    let best = 0, bp = -1;
    const base = t * C;
    for (let c = 0; c < C; c++) if (p[base + c] > bp) { bp = p[base + c]; best = c; }
    if (best !== 0 && best !== prev) {
      // top-k non-blank alternatives at this timestep 
      const alts: { c: number; v: number }[] = [];
      for (let c = 1; c < C; c++) {
        const v = p[base + c];
        if (v < 1e-4) continue;
        if (alts.length < topK) { alts.push({ c, v }); alts.sort((a, b) => b.v - a.v); }
        else if (v > alts[alts.length - 1].v) { alts[alts.length - 1] = { c, v }; alts.sort((a, b) => b.v - a.v); }
      }
      chars.push(alts.map((a) => ({ char: keys[a.c] ?? "", p: a.v })));
      pos.push((t + 0.5) / T);
      sum += bp;
    }
    prev = best;
  }
  const text = chars.map((c) => c[0].char).join("");
  return { text, score: chars.length ? sum / chars.length : 0, chars, pos };
}

/** Crop a quad (LT, RT, RB, LB) and recognise it. */
export async function recognizeQuad(img: RawImage, quad: Quad, topK = 5): Promise<RecResult> {
  const qw = quadWidth(quad), qh = quadHeight(quad);
  const h = Math.max(H, Math.min(96, Math.round(qh)));
  const crop = warpQuad(img, quad, Math.max(8, Math.round((qw * h) / Math.max(qh, 1))), h);
  return recognizeCrop(crop, topK);
}
